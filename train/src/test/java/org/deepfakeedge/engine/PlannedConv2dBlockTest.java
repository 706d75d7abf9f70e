package org.deepfakeedge.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.deepfakeedge.model.Layer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Convolutions the block factory builds must be right on every CPU, whatever their channel counts.
 *
 * <p>The reference is computed here in double precision; the batch is larger than one so that
 * libtorch dispatches to oneDNN (batch 1 of a small image takes PyTorch's own kernel). Before
 * {@link ConvKernelCheck} and {@link PlannedConv2dBlock}, on an AMD EPYC with AVX-512, the
 * structured-pruned shapes below (19 → 38, 38 → 77, 77 → 38) and the stride-2 input gradient of 48
 * channels gave errors of 0.1–0.4 and NaN gradients in NCHW layout, and student-10's grouped
 * convolutions with two outputs per group (32 → 64 in 32 groups, 64 → 128 in 64) errors of 0.4–0.6
 * in channels-last layout. The input is given in both layouts: a block must be right whatever the
 * layer before it left.
 */
@Tag("engine")
class PlannedConv2dBlockTest {
    private static final int N = 4;

    static Stream<Arguments> shapes() {
        List<Arguments> a = new java.util.ArrayList<>();
        for (String layout : List.of("nchw", "channels-last")) {
            for (int[] c :
                    new int[][] {
                        {19, 38, 3, 1, 1, 16},
                        {38, 77, 3, 1, 1, 8},
                        {77, 38, 3, 1, 1, 8},
                        {10, 19, 3, 1, 1, 16},
                        {32, 38, 3, 1, 1, 16},
                        {17, 16, 3, 1, 1, 16},
                        {38, 32, 3, 2, 1, 16},
                        {48, 32, 3, 2, 1, 16},
                        {3, 10, 3, 1, 1, 16},
                        {64, 64, 3, 1, 1, 32},
                        {32, 64, 3, 1, 32, 32},
                        {64, 128, 3, 1, 64, 16},
                        {64, 64, 3, 1, 64, 16},
                        {38, 77, 1, 1, 1, 8}
                    }) {
                a.add(Arguments.of(c[0], c[1], c[2], c[3], c[4], c[5], layout));
            }
        }
        return a.stream();
    }

    @ParameterizedTest(name = "{0} -> {1}, k{2} s{3} g{4}, {5}x{5}, {6} input")
    @MethodSource("shapes")
    void forward_and_gradients_match_a_double_precision_reference(
            int in, int out, int k, int stride, int groups, int size, String layout) {
        Layer.Conv conv = new Layer.Conv("c", in, out, k, stride, k / 2, groups, true);
        Engine engine = DjlEngine.get();
        SplittableRandom r = new SplittableRandom(in * 1000L + out);
        float[] x = random(r, N * in * size * size, 1);
        float[] w = random(r, out * (in / groups) * k * k, 0.2);
        float[] b = random(r, out, 0.5);
        int oh = (size + 2 * (k / 2) - k) / stride + 1;
        float[] upstream = random(r, N * out * oh * oh, 1);
        Reference ref =
                Reference.compute(x, w, b, upstream, N, in, out, groups, size, k, stride, k / 2);

        try (NDManager m = NDManager.newBaseManager()) {
            Block block = BlockFactory.build(spec(conv, size)).getChildren().get(0).getValue();
            block.initialize(m, DataType.FLOAT32, new Shape(1, in, size, size));
            Parameter pw = param(block, "weight");
            Parameter pb = param(block, "bias");
            assertThat(pw.getArray().getShape()).isEqualTo(new Shape(out, in / groups, k, k));
            pw.getArray().set(w);
            pb.getArray().set(b);
            NDArray nchw = m.create(x, new Shape(N, in, size, size));
            NDArray input = layout.equals("nchw") ? nchw : MemoryFormat.channelsLast(nchw);
            input.setRequiresGradient(true);
            NDArray y;
            try (GradientCollector gc = engine.newGradientCollector()) {
                y =
                        block.forward(new ParameterStore(m, false), new NDList(input), true)
                                .singletonOrThrow();
                gc.backward(y.mul(m.create(upstream, y.getShape())).sum());
            }
            assertThat(y.getShape()).isEqualTo(new Shape(N, out, oh, oh));
            assertClose("output", y.toFloatArray(), ref.y, 1e-4);
            assertClose("d input", input.getGradient().toFloatArray(), ref.dx, 1e-4);
            assertClose("d weight", pw.getArray().getGradient().toFloatArray(), ref.dw, 1e-3);
            assertClose("d bias", pb.getArray().getGradient().toFloatArray(), ref.db, 1e-3);
        }
    }

    @ParameterizedTest(name = "{0}/{1}, depthwise {2}")
    @org.junit.jupiter.params.provider.CsvSource({
        "nchw,0,false",
        "nchw,16,false",
        "nchw,32,false",
        "channels-last,0,false",
        "channels-last,16,false",
        "channels-last,32,false",
        "nchw,0,true",
        "channels-last,0,true"
    })
    void every_plan_is_the_same_convolution(String layout, int alignment, boolean depthwise) {
        // checked against PyTorch's own kernel (oneDNN off), which layout and padding must not
        // change;
        // the depthwise plan on a grouped convolution with two outputs per input channel
        int in = depthwise ? 16 : 19;
        int out = depthwise ? 32 : 38;
        int groups = depthwise ? 16 : 1;
        Layer.Conv conv = new Layer.Conv("c", in, out, 3, 1, 1, groups, true);
        Engine engine = DjlEngine.get();
        SplittableRandom r = new SplittableRandom(alignment);
        float[] x = random(r, N * in * 8 * 8, 1);
        float[] w = random(r, out * (in / groups) * 9, 0.2);
        float[] b = random(r, out, 0.5);
        float[] upstream = random(r, N * out * 8 * 8, 1);
        Reference ref = Reference.compute(x, w, b, upstream, N, in, out, groups, 8, 3, 1, 1);
        boolean wasOn = OneDnnSwitch.enabled();
        OneDnnSwitch.setEnabled(false);
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = new PlannedConv2dBlock(conv, new ConvPlan(layout, alignment, depthwise));
            block.initialize(m, DataType.FLOAT32, new Shape(1, in, 8, 8));
            param(block, "weight").getArray().set(w);
            param(block, "bias").getArray().set(b);
            NDArray input = m.create(x, new Shape(N, in, 8, 8));
            input.setRequiresGradient(true);
            NDArray y;
            try (GradientCollector gc = engine.newGradientCollector()) {
                y =
                        block.forward(new ParameterStore(m, false), new NDList(input), true)
                                .singletonOrThrow();
                gc.backward(y.mul(m.create(upstream, y.getShape())).sum());
            }
            assertClose("output", y.toFloatArray(), ref.y, 1e-4);
            assertClose("d input", input.getGradient().toFloatArray(), ref.dx, 1e-4);
            assertClose(
                    "d weight",
                    param(block, "weight").getArray().getGradient().toFloatArray(),
                    ref.dw,
                    1e-3);
        } finally {
            OneDnnSwitch.setEnabled(wasOn);
        }
    }

    @Test
    void only_grouped_convolutions_with_several_outputs_per_input_channel_run_depthwise() {
        assertThat(
                        PlannedConv2dBlock.expandsToDepthwise(
                                new Layer.Conv("g", 32, 64, 3, 1, 1, 32, true)))
                .isTrue();
        assertThat(
                        PlannedConv2dBlock.expandsToDepthwise(
                                new Layer.Conv("dw", 64, 64, 3, 1, 1, 64, true)))
                .isFalse();
        assertThat(
                        PlannedConv2dBlock.expandsToDepthwise(
                                new Layer.Conv("g2", 64, 128, 3, 1, 1, 32, true)))
                .isFalse();
        assertThat(PlannedConv2dBlock.expandsToDepthwise(Layer.Conv.c3("d", 32, 64))).isFalse();
        assertThat(ConvPlan.parse("channels-last+depthwise"))
                .isEqualTo(new ConvPlan("channels-last", 0, true));
        assertThat(ConvPlan.parse("nchw/16").text()).isEqualTo("nchw/16");
    }

    @Test
    void only_dense_convolutions_with_unaligned_channels_are_padded() {
        assertThat(PlannedConv2dBlock.pads(Layer.Conv.c3("a", 3, 64), 16))
                .isFalse(); // RGB first layer
        assertThat(PlannedConv2dBlock.pads(Layer.Conv.c3("b", 64, 128), 32)).isFalse();
        assertThat(PlannedConv2dBlock.pads(Layer.Conv.c3("b", 48, 128), 16)).isFalse();
        assertThat(PlannedConv2dBlock.pads(Layer.Conv.c3("b", 48, 128), 32)).isTrue();
        assertThat(PlannedConv2dBlock.pads(new Layer.Conv("dw", 38, 38, 3, 1, 1, 38, true), 16))
                .isFalse();
        assertThat(PlannedConv2dBlock.pads(Layer.Conv.c3("c", 3, 10), 16)).isTrue(); // output side
        assertThat(PlannedConv2dBlock.pads(Layer.Conv.c3("d", 19, 32), 16)).isTrue(); // input side
    }

    private static org.deepfakeedge.model.ModelSpec spec(Layer.Conv conv, int size) {
        int oh = (size + 2 * conv.padding() - conv.kernel()) / conv.stride() + 1;
        return new org.deepfakeedge.model.ModelSpec(
                "one-conv",
                size,
                conv.in(),
                2,
                java.util.List.of(
                        conv,
                        new Layer.Flatten("f"),
                        new Layer.Linear("fc", conv.out() * oh * oh, 2, true)));
    }

    private static Parameter param(Block block, String name) {
        for (Pair<String, Parameter> p : block.getDirectParameters()) {
            if (p.getKey().equals(name)) {
                return p.getValue();
            }
        }
        throw new AssertionError("no parameter " + name);
    }

    private static float[] random(SplittableRandom r, int n, double scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) ((r.nextDouble() * 2 - 1) * scale);
        }
        return a;
    }

    private static void assertClose(String what, float[] got, double[] want, double tol) {
        assertThat(got).as(what).hasSize(want.length);
        double max = 0;
        for (int i = 0; i < got.length; i++) {
            double d = Math.abs(got[i] - want[i]);
            max = Double.isNaN(d) ? Double.POSITIVE_INFINITY : Math.max(max, d);
        }
        assertThat(max).as(what + ": max |difference| to the reference").isLessThanOrEqualTo(tol);
    }

    /** y = conv(x, w) + b and the gradients of sum(y · upstream), in double precision. */
    private record Reference(double[] y, double[] dx, double[] dw, double[] db) {
        static Reference compute(
                float[] x,
                float[] w,
                float[] b,
                float[] g,
                int n,
                int in,
                int out,
                int groups,
                int h,
                int k,
                int s,
                int p) {
            int ipg = in / groups;
            int opg = out / groups;
            int oh = (h + 2 * p - k) / s + 1;
            double[] y = new double[n * out * oh * oh];
            double[] dx = new double[x.length];
            double[] dw = new double[w.length];
            double[] db = new double[out];
            for (int bi = 0; bi < n; bi++) {
                for (int o = 0; o < out; o++) {
                    for (int i = 0; i < oh; i++) {
                        for (int j = 0; j < oh; j++) {
                            int yi = ((bi * out + o) * oh + i) * oh + j;
                            double acc = b[o];
                            db[o] += g[yi];
                            for (int ci = 0; ci < ipg; ci++) {
                                int c = o / opg * ipg + ci;
                                for (int u = 0; u < k; u++) {
                                    for (int v = 0; v < k; v++) {
                                        int yy = i * s - p + u;
                                        int xx = j * s - p + v;
                                        if (yy < 0 || xx < 0 || yy >= h || xx >= h) {
                                            continue;
                                        }
                                        int wi = ((o * ipg + ci) * k + u) * k + v;
                                        int xi = ((bi * in + c) * h + yy) * h + xx;
                                        acc += (double) w[wi] * x[xi];
                                        dx[xi] += (double) w[wi] * g[yi];
                                        dw[wi] += (double) x[xi] * g[yi];
                                    }
                                }
                            }
                            y[yi] = acc;
                        }
                    }
                }
            }
            return new Reference(y, dx, dw, db);
        }
    }
}
