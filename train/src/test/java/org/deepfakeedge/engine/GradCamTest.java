package org.deepfakeedge.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.deepfakeedge.explain.Heatmap;
import org.deepfakeedge.export.ExportFixtures;
import org.deepfakeedge.model.Layer;
import org.deepfakeedge.model.ModelSpec;
import org.deepfakeedge.model.ModelZoo;
import org.deepfakeedge.model.Tensor;
import org.deepfakeedge.model.Weights;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Grad-CAM against maps computed by hand on toy models whose fake-logit gradient is known in closed
 * form: a 1×1 convolution (→ BatchNorm) → ReLU → flatten → linear network. For such a head the
 * gradient of the fake logit with respect to feature A_k(p) is the linear layer's weight of that
 * feature, W[1][k·HW + p], whatever the input, so α_k is the mean of W's fake row over channel k's
 * block and the map ReLU(Σ_k α_k A_k) follows from the activations, computed here in double.
 */
class GradCamTest {
    private static final float EPS = 1e-5f;

    /** conv (1×1, C→C) [→ BatchNorm] → ReLU → flatten → linear, for an s × s input. */
    private static ModelSpec toy(int channels, int size, int stride, boolean bn, boolean quant) {
        int f = (size - 1) / stride + 1;
        List<Layer> layers = new ArrayList<>();
        layers.add(new Layer.Conv("conv1", 3, channels, 1, stride, 0, 1, true));
        if (bn) {
            layers.add(new Layer.BatchNorm("bn1", channels));
        }
        layers.add(new Layer.Relu("relu1"));
        layers.add(new Layer.Flatten("flatten"));
        int in = channels * f * f;
        layers.add(
                quant
                        ? new Layer.DynamicQuantLinear("fc", in, 2, true)
                        : new Layer.Linear("fc", in, 2, true));
        return new ModelSpec("toy", size, 3, 2, layers);
    }

    private static float[] random(SplittableRandom r, int n, double scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) ((r.nextDouble() * 2 - 1) * scale);
        }
        return a;
    }

    /** The toy's weights: seeded conv, BatchNorm and linear weights. */
    private static Weights toyWeights(ModelSpec spec, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Layer.Conv conv = (Layer.Conv) spec.layer("conv1");
        int c = conv.out();
        Weights w = new Weights();
        w.put("conv1.weight", new Tensor(new int[] {c, 3, 1, 1}, random(r, c * 3, 1)));
        w.put("conv1.bias", new Tensor(new int[] {c}, random(r, c, 0.5)));
        if (spec.layers().stream().anyMatch(l -> l instanceof Layer.BatchNorm)) {
            w.put("bn1.gamma", new Tensor(new int[] {c}, random(r, c, 1)));
            w.put("bn1.beta", new Tensor(new int[] {c}, random(r, c, 0.3)));
            w.put("bn1.running_mean", new Tensor(new int[] {c}, random(r, c, 0.3)));
            float[] var = random(r, c, 0.5);
            for (int i = 0; i < c; i++) {
                var[i] = 0.6f + var[i];
            }
            w.put("bn1.running_var", new Tensor(new int[] {c}, var));
        }
        Layer fc = spec.layer("fc");
        int in = fc instanceof Layer.Linear l ? l.in() : ((Layer.DynamicQuantLinear) fc).in();
        if (fc instanceof Layer.DynamicQuantLinear) {
            float[] q = new float[2 * in];
            for (int i = 0; i < q.length; i++) {
                q[i] = r.nextInt(i < in ? -128 : -90, 128);
            }
            w.put("fc.weight", new Tensor(new int[] {2, in}, q));
            w.put("fc.weight_scale", new Tensor(new int[] {1}, new float[] {0.0123f}));
        } else {
            float[] fw = random(r, 2 * in, 1);
            for (int i = in; i < 2 * in; i++) {
                fw[i] += 0.3f; // mostly positive channel weights: a map that is not all zero
            }
            w.put("fc.weight", new Tensor(new int[] {2, in}, fw));
        }
        w.put("fc.bias", new Tensor(new int[] {2}, random(r, 2, 0.5)));
        w.checkAgainst(spec);
        return w;
    }

    /** What Grad-CAM must give for a toy, computed in double from the weights. */
    private record Expected(double[] alpha, double[] cam, double[] heat) {}

    private static Expected byHand(ModelSpec spec, Weights w, float[] x) {
        Layer.Conv conv = (Layer.Conv) spec.layer("conv1");
        int size = spec.imageSize();
        int c = conv.out();
        int s = conv.stride();
        int f = (size - 1) / s + 1;
        int plane = f * f;
        float[] cw = w.get("conv1.weight").data();
        float[] cb = w.get("conv1.bias").data();
        double[] a = new double[c * plane];
        for (int k = 0; k < c; k++) {
            for (int y = 0; y < f; y++) {
                for (int xx = 0; xx < f; xx++) {
                    double z = cb[k];
                    for (int ch = 0; ch < 3; ch++) {
                        z += cw[k * 3 + ch] * x[ch * size * size + (y * s) * size + xx * s];
                    }
                    if (w.find("bn1.gamma") != null) {
                        z =
                                (z - w.get("bn1.running_mean").data()[k])
                                                / Math.sqrt(
                                                        w.get("bn1.running_var").data()[k] + 1e-5)
                                                * w.get("bn1.gamma").data()[k]
                                        + w.get("bn1.beta").data()[k];
                    }
                    a[k * plane + y * f + xx] = Math.max(0, z);
                }
            }
        }
        // ∂l_fake/∂A_k(p) = W[1][k·plane + p] (times the int8 scale for a quantized layer)
        float[] fw = w.get("fc.weight").data();
        double scale = w.find("fc.weight_scale") == null ? 1 : w.get("fc.weight_scale").data()[0];
        int in = c * plane;
        double[] alpha = new double[c];
        for (int k = 0; k < c; k++) {
            for (int p = 0; p < plane; p++) {
                alpha[k] += fw[in + k * plane + p] * scale;
            }
            alpha[k] /= plane;
        }
        double[] cam = new double[plane];
        for (int p = 0; p < plane; p++) {
            double sum = 0;
            for (int k = 0; k < c; k++) {
                sum += alpha[k] * a[k * plane + p];
            }
            cam[p] = Math.max(0, sum);
        }
        double[] up = bilinear(cam, f, size);
        double max = 0;
        for (double v : up) {
            max = Math.max(max, v);
        }
        double[] heat = new double[up.length];
        for (int i = 0; i < up.length; i++) {
            heat[i] = max > 0 ? up[i] / max : 0;
        }
        return new Expected(alpha, cam, heat);
    }

    /**
     * PyTorch's bilinear resize with align_corners=False, written out per output pixel: the source
     * coordinate of output index o is (o + 0.5)·in/out − 0.5, clamped below at 0, and the value is
     * the weighted mean of the (up to) four neighbours, clamped at the last row and column.
     */
    private static double[] bilinear(double[] m, int in, int out) {
        double[] r = new double[out * out];
        for (int oy = 0; oy < out; oy++) {
            double sy = Math.max(0, (oy + 0.5) * in / out - 0.5);
            int y0 = (int) Math.floor(sy);
            double fy = sy - y0;
            int y1 = Math.min(in - 1, y0 + 1);
            y0 = Math.min(in - 1, y0);
            for (int ox = 0; ox < out; ox++) {
                double sx = Math.max(0, (ox + 0.5) * in / out - 0.5);
                int x0 = (int) Math.floor(sx);
                double fx = sx - x0;
                int x1 = Math.min(in - 1, x0 + 1);
                x0 = Math.min(in - 1, x0);
                r[oy * out + ox] =
                        (1 - fy) * ((1 - fx) * m[y0 * in + x0] + fx * m[y0 * in + x1])
                                + fy * ((1 - fx) * m[y1 * in + x0] + fx * m[y1 * in + x1]);
            }
        }
        return r;
    }

    /** |got − want| ≤ rel · max|want| element by element. */
    private static void assertClose(String what, float[] got, double[] want, double rel) {
        assertThat(got).as(what + " length").hasSize(want.length);
        double scale = 0;
        for (double v : want) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertThat(scale).as(what + " is not all zero").isPositive();
        for (int i = 0; i < want.length; i++) {
            assertThat(Math.abs(got[i] - want[i]))
                    .as("%s[%d]: %s vs %s", what, i, got[i], want[i])
                    .isLessThanOrEqualTo(rel * scale);
        }
    }

    private static void assertMatchesHand(ModelSpec spec, Weights w, long seed) {
        float[] x = random(new SplittableRandom(seed), 3 * spec.imageSize() * spec.imageSize(), 2);
        Expected want = byHand(spec, w, x);
        try (DjlNetwork net = DjlNetwork.create(spec, w)) {
            GradCam cam = new GradCam(net);
            assertThat(cam.featureLayerName()).isEqualTo("relu1");
            GradCam.Result r = cam.explain(x);
            assertClose("alpha", r.channelWeights(), want.alpha(), EPS);
            assertClose("feature map", r.featureMap(), want.cam(), EPS);
            assertClose("heatmap", r.heatmap().values(), want.heat(), EPS);
            assertThat(r.heatmap().method()).isEqualTo("grad-cam");
            assertThat(r.heatmap().forwardPasses()).isEqualTo(1);
            assertThat(r.heatmap().size()).isEqualTo(spec.imageSize());
            // the head's forward under the collector gives the network's logits exactly
            assertThat(r.logits()).containsExactly(net.logits(x, 1));
        }
    }

    @Test
    @Tag("engine")
    void grad_cam_of_a_linear_toy_model_equals_the_hand_computed_map() {
        // input size = feature size (no upsampling), BatchNorm in inference mode
        ModelSpec spec = toy(4, 6, 1, true, false);
        assertMatchesHand(spec, toyWeights(spec, 11), 12);
    }

    @Test
    @Tag("engine")
    void the_map_is_upsampled_bilinearly_from_the_feature_maps() {
        // a stride-2 convolution: 4×4 feature maps over an 8×8 input; and 7×7 → 13×13
        ModelSpec spec = toy(3, 8, 2, false, false);
        assertMatchesHand(spec, toyWeights(spec, 21), 22);
        ModelSpec odd = toy(3, 13, 2, true, false);
        assertMatchesHand(odd, toyWeights(odd, 31), 32);
    }

    @Test
    @Tag("engine")
    void a_dynamic_int8_head_gets_the_gradient_of_its_dequantized_weights() {
        // rounding's own gradient is zero: without the straight-through gradient the map would be
        // all zero (and assertClose refuses an all-zero expectation, so it could not pass)
        ModelSpec spec = toy(4, 6, 1, true, true);
        assertMatchesHand(spec, toyWeights(spec, 41), 42);
    }

    @Test
    void upsampling_matches_pytorch_bilinear_without_aligned_corners() {
        // torch.nn.functional.interpolate([[1, 2], [3, 4]], size=4, mode="bilinear")
        float[] up = GradCam.upsample(new float[] {1, 2, 3, 4}, 2, 2, 4);
        assertThat(up)
                .containsExactly(
                        1.0f, 1.25f, 1.75f, 2.0f, 1.5f, 1.75f, 2.25f, 2.5f, 2.5f, 2.75f, 3.25f,
                        3.5f, 3.0f, 3.25f, 3.75f, 4.0f);
        float[] same = {0.5f, 0f, 2f, 1f, 3f, 0.25f, 7f, 0f, 1f};
        assertThat(GradCam.upsample(same, 3, 3, 3)).containsExactly(same);
    }

    @Test
    @Tag("engine")
    void channels_the_head_ignores_get_zero_weight_and_negative_evidence_is_cut() {
        // conv = identity (A_k = ReLU(x_k)); fake row: +0.5 on channel 0, −0.25 on channel 1, 0
        // on channel 2; the real row is random, so the logit difference would weigh channel 2
        int size = 4;
        int plane = size * size;
        ModelSpec spec = toy(3, size, 1, false, false);
        Weights w = toyWeights(spec, 51);
        float[] cw = w.get("conv1.weight").data();
        java.util.Arrays.fill(cw, 0f);
        for (int k = 0; k < 3; k++) {
            cw[k * 3 + k] = 1f;
        }
        java.util.Arrays.fill(w.get("conv1.bias").data(), 0f);
        float[] fw = w.get("fc.weight").data();
        int in = 3 * plane;
        for (int p = 0; p < plane; p++) {
            fw[in + p] = 0.5f;
            fw[in + plane + p] = -0.25f;
            fw[in + 2 * plane + p] = 0f;
        }
        // channel 0 lights the right half, channel 1 the left half, channel 2 everything (ignored)
        float[] x = new float[3 * plane];
        for (int y = 0; y < size; y++) {
            for (int xx = 0; xx < size; xx++) {
                int p = y * size + xx;
                x[p] = xx >= 2 ? 1f + y : 0f;
                x[plane + p] = xx < 2 ? 5f : 0f;
                x[2 * plane + p] = 100f;
            }
        }
        try (DjlNetwork net = DjlNetwork.create(spec, w)) {
            GradCam.Result r = new GradCam(net).explain(x);
            assertThat(r.channelWeights()[0]).isCloseTo(0.5f, within(1e-7f));
            assertThat(r.channelWeights()[1]).isCloseTo(-0.25f, within(1e-7f));
            assertThat(r.channelWeights()[2]).isZero();
            Heatmap h = r.heatmap();
            for (int y = 0; y < size; y++) {
                for (int xx = 0; xx < size; xx++) {
                    if (xx < 2) {
                        assertThat(h.at(xx, y)).as("left (%d,%d)", xx, y).isZero();
                    } else {
                        // 0.5·(1 + y) / (0.5·4)
                        assertThat(h.at(xx, y))
                                .as("right (%d,%d)", xx, y)
                                .isCloseTo((1f + y) / 4, within(1e-6f));
                    }
                }
            }
        }
    }

    @Test
    @Tag("engine")
    void explaining_changes_nothing_in_the_network_and_leaks_no_native_memory() {
        ModelSpec spec = ExportFixtures.withAdapter(ModelZoo.build("student-20", 32));
        Weights w = ExportFixtures.weights(spec, 5);
        float[] x = random(new SplittableRandom(6), 3 * 32 * 32, 2);
        try (DjlNetwork net = DjlNetwork.create(spec, w)) {
            GradCam cam = new GradCam(net);
            Map<String, Boolean> requiresGrad = requiresGrad(net);
            float[] before = net.logits(x, 1);
            Weights weightsBefore = net.weights();
            int live = net.liveArrays();

            GradCam.Result first = cam.explain(x);
            GradCam.Result second = cam.explain(x);

            assertThat(net.liveArrays()).as("arrays left in the network's manager").isEqualTo(live);
            assertThat(net.logits(x, 1)).containsExactly(before);
            assertThat(first.logits()).containsExactly(before);
            assertThat(second.heatmap()).isEqualTo(first.heatmap());
            assertThat(second.channelWeights()).containsExactly(first.channelWeights());
            assertThat(requiresGrad(net)).isEqualTo(requiresGrad);
            // BatchNorm statistics and every other tensor as they were
            Weights after = net.weights();
            for (String k : weightsBefore.keys()) {
                assertThat(after.get(k).data()).as(k).containsExactly(weightsBefore.get(k).data());
            }
            // no parameter gathered a gradient (PyTorch would accumulate it into training's)
            for (var e : net.parameters().entrySet()) {
                NDArray a = e.getValue().getArray();
                if (a.hasGradient()) {
                    NDArray g = a.getGradient();
                    assertThat(g.abs().sum().getFloat()).as(e.getKey()).isZero();
                }
            }
            // and the process can still collect gradients (the collector was closed)
            try (GradientCollector gc = Gradients.collector()) {
                assertThat(gc).isNotNull();
            }
        }
    }

    @Test
    @Tag("engine")
    void concurrent_explains_on_two_networks_wait_for_each_other_and_agree() throws Exception {
        ModelSpec spec = ModelZoo.build("student-10", 32);
        float[] x = random(new SplittableRandom(8), 3 * 32 * 32, 2);
        try (DjlNetwork a = DjlNetwork.create(spec, ExportFixtures.weights(spec, 1));
                DjlNetwork b = DjlNetwork.create(spec, ExportFixtures.weights(spec, 2))) {
            List<GradCam> cams = List.of(new GradCam(a), new GradCam(b));
            List<Heatmap> alone = List.of(cams.get(0).heatmap(x), cams.get(1).heatmap(x));
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Boolean>> runs = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int i = t % 2;
                    runs.add(
                            pool.submit(
                                    () -> {
                                        boolean same = true;
                                        for (int k = 0; k < 5; k++) {
                                            same &= cams.get(i).heatmap(x).equals(alone.get(i));
                                        }
                                        return same;
                                    }));
                }
                for (Future<Boolean> f : runs) {
                    assertThat(f.get()).isTrue();
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void the_split_is_the_last_conv_blocks_rectified_output_before_its_pool() {
        record Split(String arch, String layer, String shape) {}
        List<Split> want =
                List.of(
                        new Split("teacher", "relu8", "[128×14×14]"),
                        new Split("student-40", "relu7", "[128×7×7]"),
                        new Split("student-30", "relu6", "[128×7×7]"),
                        new Split("student-20", "relu7", "[64×7×7]"),
                        new Split("student-10", "relu5", "[64×14×14]"));
        for (Split s : want) {
            ModelSpec spec = ModelZoo.build(s.arch(), 224);
            int i = GradCam.featureLayer(spec);
            assertThat(spec.layers().get(i).name()).as(s.arch()).isEqualTo(s.layer());
            assertThat(spec.shapes().get(i + 1).toString()).as(s.arch()).isEqualTo(s.shape());
            assertThat(spec.layers().get(i + 1)).isNotInstanceOfAny(Layer.Relu.class);
        }
        // an adapter after the last block is the last convolution block
        ModelSpec plain = ModelZoo.build("student-30", 64);
        int relu6 = plain.layers().indexOf(plain.layer("relu6"));
        ModelSpec adapted =
                plain.withLayers(
                        ls -> {
                            ls.add(relu6 + 1, new Layer.Adapter("adapter", 128));
                            return ls;
                        });
        assertThat(adapted.layers().get(GradCam.featureLayer(adapted)).name()).isEqualTo("adapter");
        ModelSpec linear =
                new ModelSpec(
                        "mlp",
                        4,
                        3,
                        2,
                        List.of(new Layer.Flatten("f"), new Layer.Linear("fc", 48, 2, true)));
        assertThat(GradCam.supports(linear)).isFalse();
        assertThatThrownBy(() -> GradCam.featureLayer(linear))
                .hasMessageContaining("needs a convolution layer");
    }

    private static Map<String, Boolean> requiresGrad(DjlNetwork net) {
        Map<String, Boolean> m = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : net.parameters().entrySet()) {
            m.put(e.getKey(), e.getValue().getArray().hasGradient());
        }
        return m;
    }
}
