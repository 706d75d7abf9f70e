package org.deepfakeedge.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.deepfakeedge.model.ModelSpec;
import org.deepfakeedge.model.ModelZoo;
import org.junit.jupiter.api.Test;

/** The fallback decisions with injected timings: no dependence on this machine's speed. */
class MeasuredFallbackTest {
    private static final ModelSpec SPEC = ModelZoo.build("student-30", 32);
    private static final List<String> LAYERS = List.of("conv1", "conv2", "conv3", "fc1");

    /**
     * Fixed per-layer timings; a whole model's time is fp32Model for the fp32 model, else the value
     * for its set of extra fp32 layers (the fake build encodes the set in the bytes).
     */
    record FakeProbe(
            Map<String, LayerTiming> layers, double fp32Model, Map<String, Double> int8Models)
            implements SpeedProbe {
        @Override
        public LayerTiming layer(ModelSpec spec, String layer) {
            return layers.get(layer);
        }

        @Override
        public double[] models(ModelSpec spec, List<byte[]> onnx) {
            double[] ms = new double[onnx.size()];
            for (int i = 0; i < ms.length; i++) {
                String key = new String(onnx.get(i), java.nio.charset.StandardCharsets.UTF_8);
                // candidates a test does not name are slow
                ms[i] = key.equals("fp32") ? fp32Model : int8Models.getOrDefault(key, 10.0);
            }
            return ms;
        }

        @Override
        public int threads() {
            return 2;
        }
    }

    private static byte[] build(Map<String, String> extraFp32) {
        return String.join(",", new TreeSet<>(extraFp32.keySet()))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static LayerTiming t(double int8, double fp32) {
        return new LayerTiming(int8, fp32, int8 / fp32, 31);
    }

    private static Map<String, LayerTiming> timings() {
        return Map.of(
                "conv1", t(0.20, 0.40), // INT8 clearly faster
                "conv2", t(0.41, 0.12), // INT8 slower: stays fp32
                "conv3", t(0.98, 1.00), // 2% gain, within the 5% noise margin: stays fp32
                "fc1", t(0.05, 0.10));
    }

    private static MeasuredFallback.Outcome decide(FakeProbe p) {
        return MeasuredFallback.decide(
                SPEC,
                LAYERS,
                p,
                MeasuredFallbackTest::build,
                "fp32".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void a_layer_measured_slower_in_int8_stays_fp32_with_the_times_as_reason() {
        FakeProbe p =
                new FakeProbe(
                        timings(),
                        5.0,
                        Map.of(
                                "conv2,conv3", 3.0,
                                "conv3", 3.1,
                                "conv2", 3.05,
                                "", 3.5,
                                "conv1,conv2,conv3,fc1", 5.0));
        MeasuredFallback.Outcome o = decide(p);

        assertThat(o.fp32Reasons()).containsOnlyKeys("conv2", "conv3");
        assertThat(o.fp32Reasons().get("conv2"))
                .isEqualTo("measured: int8 0.410 ms vs fp32 0.120 ms");
        assertThat(o.fp32Reasons().get("conv3"))
                .startsWith("measured: int8 0.980 ms vs fp32 1.00 ms")
                .contains("noise margin");
        assertThat(o.layerTimings()).containsOnlyKeys(LAYERS);
        assertThat(o.model().chosen()).isEqualTo(MeasuredFallback.MEASURED);
        assertThat(o.model().int8Ms()).isEqualTo(3.0);
        assertThat(o.model().fp32Ms()).isEqualTo(5.0);
        assertThat(o.model().threads()).isEqualTo(2);
        assertThat(o.model().candidatesMs())
                .containsOnlyKeys(
                        MeasuredFallback.MEASURED,
                        MeasuredFallback.MEASURED + ", conv2 int8",
                        MeasuredFallback.MEASURED + ", conv3 int8",
                        MeasuredFallback.RULE_ONLY,
                        MeasuredFallback.ALL_FP32);
    }

    @Test
    void an_int8_model_slower_than_fp32_falls_back_to_the_fastest_candidate() {
        // per-layer timings said INT8 for conv1 and fc1, but the whole model is slower than fp32
        FakeProbe p =
                new FakeProbe(
                        timings(),
                        5.0,
                        Map.of(
                                "conv2",
                                6.0,
                                "conv3",
                                6.0,
                                "conv2,conv3",
                                6.0,
                                "",
                                7.0,
                                "conv1,conv2,conv3,fc1",
                                5.02));
        MeasuredFallback.Outcome o = decide(p);

        assertThat(o.model().chosen()).isEqualTo(MeasuredFallback.ALL_FP32);
        assertThat(o.fp32Reasons()).containsOnlyKeys(LAYERS);
        assertThat(o.fp32Reasons().get("conv1"))
                .isEqualTo("measured: whole model fastest as 'all fp32', 5.02 ms vs fp32 5.00 ms");
        assertThat(o.fp32Reasons().get("conv2")).startsWith("measured: int8 0.410 ms");
        assertThat(o.model().int8Ms()).isEqualTo(5.02);
    }

    @Test
    void the_rule_only_model_is_written_when_it_is_the_fastest_fallback() {
        FakeProbe p =
                new FakeProbe(
                        timings(),
                        5.0,
                        Map.of(
                                "conv2",
                                6.0,
                                "conv3",
                                6.0,
                                "conv2,conv3",
                                6.0,
                                "",
                                4.0,
                                "conv1,conv2,conv3,fc1",
                                5.0));
        MeasuredFallback.Outcome o = decide(p);

        assertThat(o.model().chosen()).isEqualTo(MeasuredFallback.RULE_ONLY);
        assertThat(o.fp32Reasons()).isEmpty();
    }

    @Test
    void a_slower_int8_model_within_the_noise_margin_is_kept() {
        FakeProbe p =
                new FakeProbe(
                        timings(),
                        5.0,
                        Map.of(
                                "conv2",
                                5.2,
                                "conv3",
                                5.2,
                                "conv2,conv3",
                                5.2,
                                "",
                                5.1,
                                "conv1,conv2,conv3,fc1",
                                5.0));
        assertThat(decide(p).model().chosen()).isEqualTo(MeasuredFallback.MEASURED);
    }

    @Test
    void a_whole_model_clearly_faster_than_the_per_layer_choice_wins() {
        // the per-layer choice beats fp32, but the rules-only model is faster by more than noise
        FakeProbe p =
                new FakeProbe(
                        timings(),
                        5.0,
                        Map.of(
                                "conv2",
                                3.0,
                                "conv3",
                                3.0,
                                "conv2,conv3",
                                3.0,
                                "",
                                2.5,
                                "conv1,conv2,conv3,fc1",
                                5.0));
        MeasuredFallback.Outcome o = decide(p);
        assertThat(o.model().chosen()).isEqualTo(MeasuredFallback.RULE_ONLY);
        assertThat(o.model().int8Ms()).isEqualTo(2.5);
        assertThat(o.fp32Reasons()).isEmpty();
        assertThat(o.layerTimings()).containsKey("conv2");
    }

    @Test
    void one_flagged_layer_back_in_int8_wins_when_the_whole_model_says_so() {
        FakeProbe p =
                new FakeProbe(
                        timings(),
                        5.0,
                        Map.of(
                                "conv2,conv3", 3.0,
                                "conv2", 2.0, // conv3 back to INT8
                                "conv3", 3.0,
                                "", 3.5,
                                "conv1,conv2,conv3,fc1", 5.0));
        MeasuredFallback.Outcome o = decide(p);
        assertThat(o.model().chosen()).isEqualTo(MeasuredFallback.MEASURED + ", conv3 int8");
        assertThat(o.fp32Reasons()).containsOnlyKeys("conv2");
        assertThat(o.fp32Reasons().get("conv2"))
                .isEqualTo("measured: int8 0.410 ms vs fp32 0.120 ms");
    }

    @Test
    void every_layer_slower_needs_no_whole_model_alternative() {
        Map<String, LayerTiming> slow = new java.util.HashMap<>();
        LAYERS.forEach(l -> slow.put(l, t(2, 1)));
        FakeProbe p =
                new FakeProbe(
                        slow,
                        5.0,
                        Map.of(
                                "conv1,conv2,conv3,fc1", 5.0,
                                "conv2,conv3,fc1", 5.5,
                                "conv1,conv3,fc1", 5.5,
                                "conv1,conv2,fc1", 5.5,
                                "conv1,conv2,conv3", 5.5,
                                "", 9.0));
        MeasuredFallback.Outcome o = decide(p);
        assertThat(o.fp32Reasons()).containsOnlyKeys(LAYERS);
        assertThat(o.fp32Reasons().values())
                .allSatisfy(
                        r -> assertThat(r).startsWith("measured: int8 2.00 ms vs fp32 1.00 ms"));
        assertThat(o.model().chosen()).isEqualTo(MeasuredFallback.MEASURED);
        assertThat(o.model().candidatesMs())
                .containsKeys(
                        MeasuredFallback.MEASURED,
                        MeasuredFallback.RULE_ONLY,
                        "INT8 up to conv1",
                        "INT8 from fc1 on");
    }

    @Test
    void a_contiguous_int8_region_is_tried_when_no_candidate_clearly_beats_fp32() {
        // every first-pass candidate is about as fast as fp32; INT8 for conv1..conv2 only wins
        FakeProbe p =
                new FakeProbe(
                        timings(),
                        5.0,
                        Map.of(
                                "conv2,conv3", 4.9,
                                "conv2", 4.9,
                                "conv3", 4.9,
                                "", 5.0,
                                "conv1,conv2,conv3,fc1", 5.0,
                                "conv3,fc1", 4.0));
        MeasuredFallback.Outcome o = decide(p);
        assertThat(o.model().chosen()).isEqualTo("INT8 up to conv2");
        assertThat(o.model().int8Ms()).isEqualTo(4.0);
        assertThat(o.fp32Reasons()).containsOnlyKeys("conv3", "fc1");
        assertThat(o.fp32Reasons().get("conv3")).contains("noise margin");
        assertThat(o.fp32Reasons().get("fc1"))
                .isEqualTo(
                        "measured: whole model fastest as 'INT8 up to conv2', 4.00 ms vs fp32 5.00 ms");
    }
}
