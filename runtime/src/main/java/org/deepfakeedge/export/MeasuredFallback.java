package org.deepfakeedge.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.deepfakeedge.model.ModelSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "INT8 never loses": decides which layers stay fp32 because they are slower in INT8, by
 * measurement.
 *
 * <p>Step 1, per layer: every layer the rules would quantize is timed alone at its real input
 * shape, INT8 form against fp32 form ({@link SpeedProbe#layer}); it stays INT8 only if its INT8
 * form is faster by more than the noise margin ({@value #MARGIN} of the fp32 time, median of paired
 * ratios) — when the gain is within noise fp32 is the better choice, being exact. Step 2, whole
 * model: the resulting INT8 model, the rule-only one (every rule-allowed layer INT8) and the one
 * with every layer fp32 are timed interleaved against the fp32 model. If the chosen model is slower
 * than fp32, or than another candidate, by more than the margin (per-layer timings miss costs
 * between layers, such as layout transposes), the fastest candidate is written instead; with
 * 2–{@value #GREEDY_MAX} layers flagged, the candidates also include the per-layer choice with each
 * flagged layer put back to INT8 on its own (one greedy step). Weights and calibration are the same
 * in every candidate, so a layer is INT8 or fp32 exactly as without timing; only the choice
 * changes.
 *
 * <p>Stateless and thread-safe given a thread-safe probe.
 */
final class MeasuredFallback {
    private static final Logger LOG = LoggerFactory.getLogger(MeasuredFallback.class);

    /** Relative noise margin for layer and whole-model decisions. */
    static final double MARGIN = 0.05;

    static final String MEASURED = "measured per layer";
    static final String RULE_ONLY = "rule only";
    static final String ALL_FP32 = "all fp32";

    /** Most flagged layers for which single-layer whole-model candidates are timed. */
    static final int GREEDY_MAX = 4;

    private MeasuredFallback() {}

    /**
     * What the measurements decided.
     *
     * @param fp32Reasons layers kept fp32 beyond the rules, with the measured reason
     * @param layerTimings every timed layer's INT8 vs fp32 times
     * @param model the whole-model check
     */
    record Outcome(
            Map<String, String> fp32Reasons,
            Map<String, LayerTiming> layerTimings,
            Int8Timing model) {}

    /**
     * Decides.
     *
     * @param spec the model
     * @param int8Layers layers the rules and {@code --keep-fp32} leave INT8, in graph order
     * @param probe the timer
     * @param build builds the INT8 ONNX model with the given extra fp32 layers (layer → reason)
     * @param fp32 the fp32 ONNX model
     */
    static Outcome decide(
            ModelSpec spec,
            List<String> int8Layers,
            SpeedProbe probe,
            Function<Map<String, String>, byte[]> build,
            byte[] fp32) {
        Map<String, String> reasons = new LinkedHashMap<>();
        Map<String, LayerTiming> timings = new LinkedHashMap<>();
        for (String layer : int8Layers) {
            LayerTiming t = probe.layer(spec, layer);
            timings.put(layer, t);
            if (t.ratio() > 1 - MARGIN) {
                reasons.put(
                        layer,
                        "measured: "
                                + t.describe()
                                + (t.ratio() < 1
                                        ? String.format(
                                                Locale.ROOT,
                                                " (INT8 gain %.0f%% is within the %.0f%% noise"
                                                        + " margin)",
                                                100 * (1 - t.ratio()),
                                                100 * MARGIN)
                                        : ""));
            }
            LOG.info("layer {}: {} (paired ratio {})", layer, t.describe(), t.ratio());
        }
        Map<String, String> allFp32 = new LinkedHashMap<>();
        int8Layers.forEach(l -> allFp32.put(l, "whole model"));
        Map<String, Map<String, String>> candidates = new LinkedHashMap<>();
        candidates.put(MEASURED, reasons);
        if (reasons.size() > 1 && reasons.size() <= GREEDY_MAX) {
            // greedy step: each flagged layer back to INT8 alone, since a layer that is slower
            // alone can still pay off in the model (e.g. keeping the first conv fp32 moves ORT's
            // NCHW→NHWC transpose behind it, onto many more channels)
            for (String l : reasons.keySet()) {
                Map<String, String> without = new LinkedHashMap<>(reasons);
                without.remove(l);
                candidates.put(MEASURED + ", " + l + " int8", without);
            }
        }
        if (!reasons.isEmpty()) {
            candidates.put(RULE_ONLY, Map.of());
        }
        if (reasons.size() < int8Layers.size()) {
            candidates.put(ALL_FP32, allFp32);
        }
        Choice c = choose(spec, probe, build, fp32, candidates, MEASURED);
        Map<String, Double> all = new LinkedHashMap<>(c.ms());
        if (int8Layers.size() > 1 && c.ms().get(c.name()) > c.fp32Ms() * (1 - MARGIN)) {
            // no candidate clearly beats fp32 (seen on student-10, whose fp32 grouped convs cut
            // the INT8 graph into islands, each paying layout transposes and (de)quantization):
            // second pass over contiguous INT8 regions, one fp32↔INT8 transition each
            Map<String, Map<String, String>> more = new LinkedHashMap<>();
            more.put(c.name(), candidates.get(c.name()));
            for (int k = 1; k < int8Layers.size(); k++) {
                more.put(
                        "INT8 up to " + int8Layers.get(k - 1),
                        fp32All(int8Layers.subList(k, int8Layers.size())));
                more.put(
                        "INT8 from " + int8Layers.get(k) + " on",
                        fp32All(int8Layers.subList(0, k)));
            }
            more.put(ALL_FP32, allFp32);
            candidates.putAll(more);
            c = choose(spec, probe, build, fp32, more, c.name());
            all.putAll(c.ms());
        }
        String chosen = c.name();
        Map<String, String> out = candidates.get(chosen);
        if (!chosen.equals(MEASURED) && !chosen.equals(RULE_ONLY) && !chosen.startsWith(MEASURED)) {
            String why =
                    String.format(
                            Locale.ROOT,
                            "measured: whole model fastest as '%s', %s ms vs fp32 %s ms",
                            chosen,
                            LayerTiming.ms(c.ms().get(chosen)),
                            LayerTiming.ms(c.fp32Ms()));
            Map<String, String> r = new LinkedHashMap<>();
            for (String l : out.keySet()) {
                r.put(l, reasons.getOrDefault(l, why));
            }
            out = r;
        }
        LOG.info(
                "whole model: fp32 {} ms, INT8 candidates {}; writing {}", c.fp32Ms(), all, chosen);
        return new Outcome(
                out,
                timings,
                new Int8Timing(probe.threads(), c.fp32Ms(), c.ms().get(chosen), chosen, all));
    }

    /** One whole-model timing pass: the fp32 model and each candidate's median ms, and the pick. */
    private record Choice(String name, double fp32Ms, Map<String, Double> ms) {}

    /**
     * Times fp32 and the candidates interleaved and picks: {@code preferred} stands unless it is
     * slower than fp32, or than another candidate, by more than the margin; then the fastest.
     */
    private static Choice choose(
            ModelSpec spec,
            SpeedProbe probe,
            Function<Map<String, String>, byte[]> build,
            byte[] fp32,
            Map<String, Map<String, String>> candidates,
            String preferred) {
        List<byte[]> models = new ArrayList<>();
        models.add(fp32);
        candidates.values().forEach(r -> models.add(build.apply(r)));
        double[] ms = probe.models(spec, models);
        Map<String, Double> byName = new LinkedHashMap<>();
        int k = 1;
        for (String name : candidates.keySet()) {
            byName.put(name, ms[k++]);
        }
        String fastest = preferred;
        for (var e : byName.entrySet()) {
            if (e.getValue() < byName.get(fastest)) {
                fastest = e.getKey();
            }
        }
        // the per-layer choice stands unless the whole model, which is what users run, says
        // otherwise by more than noise
        double p = byName.get(preferred);
        boolean keep = p <= ms[0] * (1 + MARGIN) && byName.get(fastest) >= p * (1 - MARGIN);
        return new Choice(keep ? preferred : fastest, ms[0], byName);
    }

    private static Map<String, String> fp32All(List<String> layers) {
        Map<String, String> m = new LinkedHashMap<>();
        layers.forEach(l -> m.put(l, "contiguous INT8 region"));
        return m;
    }
}
