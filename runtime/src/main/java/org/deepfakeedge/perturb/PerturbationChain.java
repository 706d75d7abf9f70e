package org.deepfakeedge.perturb;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Several perturbations applied one after the other ({@code resize:0.5+jpeg:75}), each to the
 * previous one's output; step {@code i} gets the seed {@link PerturbationSeeds#forStep}{@code
 * (seed, i)}, so two noise steps draw different noise.
 *
 * @param name the chain's name: a preset's ({@code social}) or the steps' names joined by {@code +}
 * @param steps at least two perturbations, none of them a chain
 */
public record PerturbationChain(String name, List<Perturbation> steps) implements Perturbation {

    /** Name of the preset {@link #social()}. */
    public static final String SOCIAL = "social";

    /** Copies the steps and checks them. */
    public PerturbationChain {
        steps = List.copyOf(steps);
        if (steps.size() < 2) {
            throw new IllegalArgumentException(
                    "a chain needs at least two steps, found " + steps.size());
        }
        if (steps.stream().anyMatch(s -> s instanceof PerturbationChain)) {
            throw new IllegalArgumentException("chains are flat: a step cannot be a chain");
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a chain needs a name");
        }
    }

    /**
     * A chain named after its steps, e.g. {@code resize:0.5+jpeg:75}.
     *
     * @param steps at least two perturbations
     * @return the chain
     */
    public static PerturbationChain of(List<Perturbation> steps) {
        return new PerturbationChain(
                steps.stream().map(Perturbation::name).collect(Collectors.joining("+")), steps);
    }

    /**
     * The preset {@code social}: what a social network typically does to an uploaded photo, {@code
     * resize:0.5} then {@code jpeg:75}.
     *
     * @return the chain
     */
    public static PerturbationChain social() {
        return new PerturbationChain(
                SOCIAL, List.of(new DownUpResize(0.5), new JpegRecompression(75)));
    }

    @Override
    public BufferedImage apply(BufferedImage rgb, long seed) {
        BufferedImage out = rgb;
        for (int i = 0; i < steps.size(); i++) {
            out = steps.get(i).apply(out, PerturbationSeeds.forStep(seed, i));
        }
        return out;
    }
}
