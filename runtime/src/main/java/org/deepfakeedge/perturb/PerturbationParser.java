package org.deepfakeedge.perturb;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.deepfakeedge.InvalidInputException;

/**
 * Reads the {@code --perturb} syntax into perturbations.
 *
 * <p>One value of the option is one of:
 *
 * <ul>
 *   <li>{@code KIND:V1,V2,...}: one perturbation per value, e.g. {@code jpeg:95,75,50} gives three;
 *   <li>{@code STEP+STEP+...}: one chain, each step {@code KIND:V} with a single value or a preset,
 *       e.g. {@code resize:0.5+jpeg:75};
 *   <li>a preset: {@code social} ({@code resize:0.5+jpeg:75}).
 * </ul>
 *
 * <p>Kinds: {@code jpeg:Q} (quality, integer in [1, 100]), {@code resize:F} (factor in (0, 1]),
 * {@code blur:SIGMA} (pixels, in [0.1, 50]), {@code noise:STD} (fraction of 255, in (0, 1]), {@code
 * crop:F} (kept side fraction in (0, 1]). Kinds are case-insensitive; spaces around tokens are
 * ignored; numbers are plain decimals ({@code 0.5}, {@code .5}, {@code 2}). Any error is an {@link
 * InvalidInputException} naming the value, the bad token and the fix. Stateless and thread-safe.
 */
public final class PerturbationParser {

    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)");
    private static final String KINDS =
            "jpeg:Q, resize:F, blur:SIGMA, noise:STD, crop:F or the preset social";

    private PerturbationParser() {}

    /** A kind of perturbation: its value's description, its range check and its constructor. */
    private enum Kind {
        JPEG("jpeg", "quality", "an integer in [1, 100]", "jpeg:95,75,50", true, 1, 100, true) {
            @Override
            Perturbation create(double v) {
                return new JpegRecompression((int) v);
            }
        },
        RESIZE("resize", "factor", "in (0, 1]", "resize:0.5,0.25", false, 0, 1, false) {
            @Override
            Perturbation create(double v) {
                return new DownUpResize(v);
            }
        },
        BLUR("blur", "sigma", "in [0.1, 50] pixels", "blur:1,2", false, 0.1, Blur.MAX_SIGMA, true) {
            @Override
            Perturbation create(double v) {
                return new Blur(v);
            }
        },
        NOISE(
                "noise",
                "std",
                "in (0, 1], a fraction of 255",
                "noise:0.01,0.03",
                false,
                0,
                1,
                false) {
            @Override
            Perturbation create(double v) {
                return new GaussianNoise(v);
            }
        },
        CROP("crop", "fraction", "in (0, 1]", "crop:0.8", false, 0, 1, false) {
            @Override
            Perturbation create(double v) {
                return new CenterCrop(v);
            }
        };

        final String key;
        final String what;
        final String range;
        final String example;
        final boolean integer;
        final double min;
        final double max;
        final boolean minIncluded;

        Kind(
                String key,
                String what,
                String range,
                String example,
                boolean integer,
                double min,
                double max,
                boolean minIncluded) {
            this.key = key;
            this.what = what;
            this.range = range;
            this.example = example;
            this.integer = integer;
            this.min = min;
            this.max = max;
            this.minIncluded = minIncluded;
        }

        abstract Perturbation create(double v);

        boolean inRange(double v) {
            return (minIncluded ? v >= min : v > min) && v <= max;
        }

        static Kind of(String key) {
            for (Kind k : values()) {
                if (k.key.equals(key)) {
                    return k;
                }
            }
            return null;
        }
    }

    /**
     * Parses every value of a repeated option, in order, dropping repeats of the same perturbation
     * (by {@link Perturbation#name()}).
     *
     * @param values the option's values, e.g. {@code ["jpeg:95,75", "social"]}
     * @return the perturbations, each name once
     * @throws InvalidInputException for the first bad value
     */
    public static List<Perturbation> parseAll(List<String> values) {
        Map<String, Perturbation> unique = new LinkedHashMap<>();
        for (String v : values) {
            for (Perturbation p : parse(v)) {
                unique.putIfAbsent(p.name(), p);
            }
        }
        return List.copyOf(unique.values());
    }

    /**
     * Parses one value of the option.
     *
     * @param value e.g. {@code jpeg:95,75,50}, {@code resize:0.5+jpeg:75} or {@code social}
     * @return one perturbation per listed value, or the one chain
     * @throws InvalidInputException naming the bad token and the fix
     */
    public static List<Perturbation> parse(String value) {
        if (value == null || value.isBlank()) {
            throw error(
                    String.valueOf(value),
                    "empty value; write KIND:VALUES, e.g. jpeg:95,75,50, a chain such as"
                            + " resize:0.5+jpeg:75, or social");
        }
        String spec = value.strip();
        if (spec.contains("+")) {
            return List.of(chain(value, spec));
        }
        if (isPreset(spec)) {
            return List.of(PerturbationChain.social());
        }
        String[] parts = kindAndValues(value, spec);
        Kind kind = kind(value, parts[0]);
        List<Perturbation> out = new ArrayList<>();
        for (String token : parts[1].split(",", -1)) {
            out.add(kind.create(number(value, kind, token.strip())));
        }
        return out;
    }

    private static PerturbationChain chain(String value, String spec) {
        List<Perturbation> steps = new ArrayList<>();
        for (String step : spec.split("\\+", -1)) {
            String s = step.strip();
            if (s.isEmpty()) {
                throw error(
                        value,
                        "empty step in a chain (a '+' with nothing on one side); join steps"
                                + " with single '+', e.g. resize:0.5+jpeg:75");
            }
            if (isPreset(s)) {
                steps.addAll(PerturbationChain.social().steps());
                continue;
            }
            String[] parts = kindAndValues(value, s);
            Kind kind = kind(value, parts[0]);
            if (parts[1].contains(",")) {
                throw error(
                        value,
                        "'"
                                + s
                                + "' lists several values, but a chain takes one value per step;"
                                + " write one --perturb per chain, e.g. --perturb"
                                + " resize:0.5+jpeg:75 --perturb resize:0.25+jpeg:75");
            }
            steps.add(kind.create(number(value, kind, parts[1].strip())));
        }
        return PerturbationChain.of(steps);
    }

    private static boolean isPreset(String token) {
        return token.toLowerCase(Locale.ROOT).equals(PerturbationChain.SOCIAL);
    }

    private static String[] kindAndValues(String value, String token) {
        int colon = token.indexOf(':');
        if (colon < 0) {
            Kind k = Kind.of(token.toLowerCase(Locale.ROOT));
            throw error(
                    value,
                    k != null
                            ? "'"
                                    + token
                                    + "' has no value; write "
                                    + k.key
                                    + ":"
                                    + k.what.toUpperCase(Locale.ROOT)
                                    + ", e.g. "
                                    + k.example
                            : "unknown perturbation '" + token + "'; use " + KINDS);
        }
        String kind = token.substring(0, colon).strip();
        if (isPreset(kind)) {
            throw error(value, "the preset social takes no value; write social");
        }
        return new String[] {kind, token.substring(colon + 1)};
    }

    private static Kind kind(String value, String token) {
        Kind k = Kind.of(token.toLowerCase(Locale.ROOT));
        if (k == null) {
            throw error(value, "unknown perturbation '" + token + "'; use " + KINDS);
        }
        return k;
    }

    private static double number(String value, Kind kind, String token) {
        String fix =
                "; "
                        + kind.key
                        + ":"
                        + kind.what.toUpperCase(Locale.ROOT)
                        + " must be "
                        + kind.range
                        + ", e.g. ";
        if (token.isEmpty()) {
            throw error(value, "empty " + kind.what + fix + kind.example);
        }
        if (!DECIMAL.matcher(token).matches()) {
            throw error(value, kind.what + " '" + token + "' is not a number" + fix + kind.example);
        }
        double v = Double.parseDouble(token);
        if (kind.integer && v != Math.rint(v)) {
            throw error(
                    value, kind.what + " '" + token + "' is not an integer" + fix + kind.example);
        }
        if (!kind.inRange(v)) {
            throw error(value, kind.what + " " + token + " is out of range" + fix + kind.example);
        }
        return v;
    }

    private static InvalidInputException error(String value, String problem) {
        return new InvalidInputException("--perturb '" + value + "': " + problem);
    }
}
