package org.deepfakeedge.engine;

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
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import org.deepfakeedge.io.AtomicFiles;
import org.deepfakeedge.model.Layer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses, by measurement on this machine, how each convolution shape runs correctly: the {@link
 * ConvPlan} (input layout, channel padding) whose oneDNN result agrees with PyTorch's own kernel,
 * or PyTorch's own kernels for the whole process when none does.
 *
 * <p>Why measure: oneDNN 3.7.1 inside libtorch 2.7.1 computes some convolution shapes wrongly on
 * some CPUs (see {@link PlannedConv2dBlock}), and which shapes depends on the CPU, the channel
 * counts, the groups, the stride, the image size and the memory layout, not on the batch size or
 * the thread count. Each distinct shape is run once, on a random batch of one or two images
 * (sixteen for 1×1 kernels on one thread, so that libtorch takes oneDNN at all), with oneDNN on and
 * off: the training forward pass, the gradients of the input, weights and bias, and the inference
 * forward pass must agree within 1e-3 of the largest value. Plans are tried in this order: the
 * preferred layout ({@link MemoryFormat#current()}) as it is, for a grouped convolution with
 * several outputs per input channel the preferred layout as a depthwise one, the other layout as it
 * is, then each layout with channels padded to 16 and to 32 (fastest first, as measured on an AMD
 * EPYC). PyTorch's own kernel (im2col and MKL's GEMM) is the reference because it is a different
 * implementation, right on every CPU seen; it is 2–5× slower than oneDNN for 3×3 convolutions, so
 * it is only the last resort.
 *
 * <p>Decisions are kept in {@code <DJL cache dir>/deepfake-edge/conv-kernel-check.properties} for
 * the next process, keyed by what they depend on: libtorch's version, the CPU's model, flags and
 * cache description (Linux sysfs), the thread count and the preferred layout; a file written on
 * another machine or libtorch is ignored and replaced. The system property {@code
 * deepfake.edge.conv-check} set to {@code fresh} ignores the file (it is rewritten), {@code off}
 * skips the check altogether (the preferred layout as it is: wrong results on CPUs where oneDNN is
 * wrong). Measuring costs about a second per architecture at 64 px and up to eight at 224 px, once
 * per machine.
 *
 * <p>Where libtorch's switch cannot be reached ({@link OneDnnSwitch#available()}), nothing can be
 * compared and the preferred layout is used as it is. Decisions are logged (INFO when a shape
 * needed another plan, WARN for the fallback) and summarised by {@link #summary()} for provenance.
 * Thread-safe.
 */
final class ConvKernelCheck {
    private static final Logger LOG = LoggerFactory.getLogger(ConvKernelCheck.class);
    private static final double TOLERANCE = 1e-3;

    /** System property: {@code cached} (default), {@code fresh} or {@code off}. */
    static final String PROPERTY = "deepfake.edge.conv-check";

    private static final Map<Key, ConvPlan> DECISIONS = new HashMap<>();

    private static String fallback;
    private static boolean loaded;
    private static int measured;

    private ConvKernelCheck() {}

    private record Key(
            int in,
            int out,
            int kernel,
            int stride,
            int padding,
            int groups,
            boolean bias,
            int size) {
        static Key of(Layer.Conv c, int size) {
            return new Key(
                    c.in(),
                    c.out(),
                    c.kernel(),
                    c.stride(),
                    c.padding(),
                    c.groups(),
                    c.bias(),
                    size);
        }

        String text() {
            return in
                    + "-"
                    + out
                    + "-k"
                    + kernel
                    + "-s"
                    + stride
                    + "-p"
                    + padding
                    + "-g"
                    + groups
                    + (bias ? "-b" : "")
                    + "-"
                    + size;
        }

        static Key parse(String t) {
            String[] f = t.split("-");
            boolean b = f.length == 8;
            return new Key(
                    Integer.parseInt(f[0]),
                    Integer.parseInt(f[1]),
                    Integer.parseInt(f[2].substring(1)),
                    Integer.parseInt(f[3].substring(1)),
                    Integer.parseInt(f[4].substring(1)),
                    Integer.parseInt(f[5].substring(1)),
                    b,
                    Integer.parseInt(f[b ? 7 : 6]));
        }
    }

    /** Returns a block that computes {@code conv} correctly on square inputs of {@code size}. */
    static synchronized Block block(Layer.Conv conv, int size) {
        return new PlannedConv2dBlock(conv, plan(conv, size));
    }

    /**
     * Returns what was decided so far: shapes verified, those that needed another plan, and whether
     * oneDNN was turned off for the process.
     */
    static synchronized String summary() {
        if (!OneDnnSwitch.available()) {
            return "not checked (libtorch's oneDNN switch not reachable)";
        }
        if (fallback != null) {
            return "oneDNN off: " + fallback;
        }
        if (mode().equals("off")) {
            return "not checked (" + PROPERTY + "=off)";
        }
        ConvPlan preferred = new ConvPlan(MemoryFormat.current(), 0);
        long other = DECISIONS.values().stream().filter(p -> !p.equals(preferred)).count();
        return DECISIONS.size()
                + " conv shapes verified ("
                + measured
                + " measured in this process), "
                + other
                + " needing another layout or channel padding";
    }

    private static String mode() {
        return System.getProperty(PROPERTY, "cached");
    }

    private static ConvPlan plan(Layer.Conv conv, int size) {
        DjlEngine.get();
        String preferredLayout = MemoryFormat.current();
        ConvPlan preferred = new ConvPlan(preferredLayout, 0);
        if (fallback != null
                || mode().equals("off")
                || !OneDnnSwitch.available()
                || !OneDnnSwitch.enabled()) {
            return preferred;
        }
        if (!loaded) {
            loaded = true;
            if (mode().equals("cached")) {
                DECISIONS.putAll(DecisionFile.load());
            }
        }
        Key key = Key.of(conv, size);
        ConvPlan known = DECISIONS.get(key);
        if (known != null) {
            return known;
        }
        measured++;
        String other =
                preferredLayout.equals(MemoryFormat.CHANNELS_LAST)
                        ? MemoryFormat.NCHW
                        : MemoryFormat.CHANNELS_LAST;
        List<ConvPlan> candidates = new ArrayList<>(List.of(preferred));
        if (PlannedConv2dBlock.expandsToDepthwise(conv)) {
            // before the other layout: the NCHW grouped kernel is 2-4x slower than the depthwise
            // one
            candidates.add(new ConvPlan(preferredLayout, 0, true));
        }
        candidates.add(new ConvPlan(other, 0));
        for (String layout : List.of(preferredLayout, other)) {
            for (int a : new int[] {16, 32}) {
                if (PlannedConv2dBlock.pads(conv, a)) {
                    candidates.add(new ConvPlan(layout, a));
                }
            }
        }
        double firstError = Double.NaN;
        for (ConvPlan p : candidates) {
            double err = disagreement(new PlannedConv2dBlock(conv, p), conv, size);
            if (Double.isNaN(firstError)) {
                firstError = err;
            }
            if (err <= TOLERANCE) {
                if (!p.equals(preferred)) {
                    LOG.info(
                            "oneDNN convolution {} ({}→{} channels, groups {}, {}×{} input, stride {}) differs from"
                                    + " PyTorch's kernel by {} of its largest value on this CPU in {} layout; running it as {}"
                                    + " makes them agree",
                            conv.name(),
                            conv.in(),
                            conv.out(),
                            conv.groups(),
                            size,
                            size,
                            conv.stride(),
                            String.format("%.3g", firstError),
                            preferredLayout,
                            p.text());
                }
                DECISIONS.put(key, p);
                DecisionFile.save(DECISIONS);
                return p;
            }
        }
        fallback =
                String.format(
                        "%s (%d→%d, groups %d, %d×%d, %dx%d/%d) differs from PyTorch's kernel by %.3g of"
                                + " its largest value in every layout and padding tried",
                        conv.name(),
                        conv.in(),
                        conv.out(),
                        conv.groups(),
                        size,
                        size,
                        conv.kernel(),
                        conv.kernel(),
                        conv.stride(),
                        firstError);
        LOG.warn(
                "oneDNN convolution is wrong on this CPU: {}; using PyTorch's own convolution kernels for the rest"
                        + " of this process (correct, 2-5x slower)",
                fallback);
        OneDnnSwitch.setEnabled(false);
        return preferred;
    }

    private static double disagreement(Block block, Layer.Conv conv, int size) {
        int n = probeBatch(conv, size);
        try (NDManager m = NDManager.newBaseManager()) {
            block.initialize(m, DataType.FLOAT32, new Shape(1, conv.in(), size, size));
            SplittableRandom r = new SplittableRandom(Key.of(conv, size).hashCode());
            List<NDArray> params = new ArrayList<>();
            for (Pair<String, Parameter> p : block.getDirectParameters()) {
                NDArray a = p.getValue().getArray();
                a.set(random(r, (int) a.size(), p.getKey().equals("weight") ? 0.2 : 0.5));
                a.setRequiresGradient(true);
                params.add(a);
            }
            float[] x = random(r, n * conv.in() * size * size, 1);
            long upstream = r.nextLong();
            List<float[]> withOneDnn = run(block, m, x, n, conv, size, params, upstream);
            OneDnnSwitch.setEnabled(false);
            List<float[]> reference;
            try {
                reference = run(block, m, x, n, conv, size, params, upstream);
            } finally {
                OneDnnSwitch.setEnabled(true);
            }
            double worst = 0;
            for (int i = 0; i < reference.size(); i++) {
                worst = Math.max(worst, relativeDifference(withOneDnn.get(i), reference.get(i)));
            }
            return worst;
        }
    }

    /**
     * The smallest batch for which libtorch 2.7.1 takes oneDNN for this convolution (its rule in
     * {@code ConvParams::use_mkldnn}): one image when it is large or the kernel grouped, two
     * otherwise, sixteen for a 1×1 stride-1 kernel on one thread.
     */
    private static int probeBatch(Layer.Conv conv, int size) {
        boolean pointwiseSingleThread =
                conv.kernel() == 1 && conv.stride() == 1 && DjlEngine.threads() <= 1;
        if (pointwiseSingleThread) {
            return 16;
        }
        boolean oneImageSuffices =
                conv.groups() > 1 || conv.kernel() > 3 || (long) conv.in() * size * size > 20480;
        return oneImageSuffices ? 1 : 2;
    }

    /** Training forward, gradients (input, then each parameter) and inference forward. */
    private static List<float[]> run(
            Block block,
            NDManager m,
            float[] x,
            int n,
            Layer.Conv conv,
            int size,
            List<NDArray> params,
            long upstreamSeed) {
        List<float[]> out = new ArrayList<>();
        try (NDManager s = m.newSubManager()) {
            ParameterStore store = new ParameterStore(s, false);
            // made outside grad mode, so it is a leaf whose gradient can be read
            NDArray input = MemoryFormat.input(s, x, new Shape(n, conv.in(), size, size));
            input.setRequiresGradient(true);
            try (GradientCollector gc = Gradients.collector()) {
                NDArray y = block.forward(store, new NDList(input), true).singletonOrThrow();
                // the same upstream gradient in both runs
                NDArray g =
                        s.create(
                                random(new SplittableRandom(upstreamSeed), (int) y.size(), 1),
                                y.getShape());
                gc.backward(y.mul(g).sum());
                out.add(y.toFloatArray());
            }
            out.add(input.getGradient().toFloatArray());
            for (NDArray p : params) {
                NDArray grad = p.getGradient();
                out.add(grad.toFloatArray());
                grad.subi(grad); // libtorch accumulates gradients: clear for the next run
                grad.close();
            }
            NDArray plain = MemoryFormat.input(s, x, new Shape(n, conv.in(), size, size));
            out.add(
                    block.forward(store, new NDList(plain), false)
                            .singletonOrThrow()
                            .toFloatArray());
        }
        return out;
    }

    private static double relativeDifference(float[] got, float[] want) {
        double max = 0;
        double scale = 1e-6;
        for (int i = 0; i < want.length; i++) {
            double d = Math.abs((double) got[i] - want[i]);
            if (Double.isNaN(d)) {
                return Double.POSITIVE_INFINITY;
            }
            max = Math.max(max, d);
            scale = Math.max(scale, Math.abs(want[i]));
        }
        return max / scale;
    }

    private static float[] random(SplittableRandom r, int n, double scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) ((r.nextDouble() * 2 - 1) * scale);
        }
        return a;
    }

    /** The decisions of earlier processes on this machine, in the DJL cache folder. */
    private static final class DecisionFile {
        private static final String MACHINE = "machine";
        private static final int PLANS_VERSION = 2;

        private DecisionFile() {}

        static Path path() {
            return ai.djl.util.Utils.getCacheDir()
                    .resolve("deepfake-edge")
                    .resolve("conv-kernel-check.properties");
        }

        static Map<Key, ConvPlan> load() {
            Map<Key, ConvPlan> out = new HashMap<>();
            Path p = path();
            if (!Files.isReadable(p)) {
                return out;
            }
            Properties props = new Properties();
            try (Reader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
                props.load(r);
                if (!machine().equals(props.getProperty(MACHINE))) {
                    LOG.debug("{} was written on another machine or libtorch: measuring again", p);
                    return out;
                }
                for (String k : props.stringPropertyNames()) {
                    if (!k.equals(MACHINE)) {
                        out.put(Key.parse(k), ConvPlan.parse(props.getProperty(k)));
                    }
                }
            } catch (IOException | RuntimeException e) {
                LOG.debug("ignoring unreadable {}: {}", p, e.toString());
                out.clear();
            }
            return out;
        }

        static void save(Map<Key, ConvPlan> decisions) {
            Path p = path();
            Properties props = new Properties();
            props.setProperty(MACHINE, machine());
            decisions.forEach((k, v) -> props.setProperty(k.text(), v.text()));
            try {
                AtomicFiles.write(
                        p,
                        out -> {
                            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                            props.store(
                                    w,
                                    "deepfake-edge: how each convolution shape runs correctly on"
                                            + " this machine (layout[/channel multiple it is padded"
                                            + " to][+depthwise])");
                            w.flush();
                        });
            } catch (IOException e) {
                // a read-only cache only costs the next process the measurement
                LOG.debug("cannot write {}: {}", p, e.toString());
            }
        }

        /**
         * What a decision depends on: libtorch, the CPU as the kernels see it, the thread count.
         */
        static String machine() {
            StringBuilder b = new StringBuilder();
            b.append("pytorch ")
                    .append(DjlEngine.get().getVersion())
                    .append("; threads ")
                    .append(DjlEngine.threads())
                    .append("; ")
                    .append(MemoryFormat.current())
                    // the plans a decision may choose from: older files lack the depthwise plan
                    .append("; plans ")
                    .append(PLANS_VERSION);
            Path cpuinfo = Path.of("/proc/cpuinfo");
            try {
                if (Files.isReadable(cpuinfo)) {
                    for (String line : Files.readAllLines(cpuinfo)) {
                        if (line.startsWith("model name") || line.startsWith("flags")) {
                            b.append("; ").append(line.substring(line.indexOf(':') + 1).trim());
                            if (line.startsWith("flags")) {
                                break;
                            }
                        }
                    }
                }
                Path caches = Path.of("/sys/devices/system/cpu/cpu0/cache");
                if (Files.isDirectory(caches)) {
                    try (var dirs = Files.list(caches)) {
                        for (Path d : dirs.sorted().toList()) {
                            for (String f : new String[] {"level", "type", "size"}) {
                                Path v = d.resolve(f);
                                if (Files.isReadable(v)) {
                                    b.append(' ').append(Files.readString(v).trim());
                                }
                            }
                        }
                    }
                }
            } catch (IOException e) {
                b.append("; cpu unreadable");
            }
            return Integer.toHexString(b.toString().hashCode()) + " " + b.length();
        }
    }
}
