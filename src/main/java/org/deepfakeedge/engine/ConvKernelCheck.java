package org.deepfakeedge.engine;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import org.deepfakeedge.model.Layer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses, by measurement on this machine, a DJL block that computes a convolution correctly:
 * DJL's {@link Conv2d} when libtorch's oneDNN kernel agrees with PyTorch's own kernel, otherwise an
 * {@link AlignedConv2dBlock} padded to 16 or 32 channels that does, otherwise PyTorch's own kernels
 * for the whole process.
 *
 * <p>Why measure: oneDNN 3.7.1 inside libtorch 2.7.1 computes some convolution shapes wrongly on
 * some CPUs (see {@link AlignedConv2dBlock}), and which shapes depends on the CPU, the channel
 * counts, the stride and the image size, not on the batch size or the thread count. Each distinct
 * shape is run once per process on a random batch of two (sixteen for 1×1 kernels on one thread,
 * so that libtorch takes oneDNN at all) with oneDNN on and off: the training forward pass, the
 * gradients of the input, weights and bias, and the inference forward pass must agree within
 * 1e-3 of the largest value. PyTorch's own kernel (im2col and MKL's GEMM) is the reference because
 * it is a different implementation that is right on every CPU seen; it is 2–5× slower than oneDNN
 * for 3×3 convolutions, so it is only the last resort. The check costs a few hundred milliseconds
 * per network at 64 px, about three seconds for the teacher at 224 px, once per process.
 *
 * <p>Decisions are kept in {@code <DJL cache dir>/deepfake-edge/conv-kernel-check.properties}
 * for the next process, keyed by what they depend on: libtorch's version, the CPU's model, flags
 * and cache description (Linux sysfs) and the thread count; a file written on another machine or
 * libtorch is ignored and replaced. The system property {@code deepfake.edge.conv-check} set to
 * {@code fresh} ignores the file (it is rewritten), {@code off} skips the check altogether (DJL's
 * blocks as they are: wrong results on CPUs where oneDNN is wrong).
 *
 * <p>Where libtorch's switch cannot be reached ({@link OneDnnSwitch#available()}), nothing can be
 * compared and DJL's block is used as it is. Decisions are logged (INFO when a shape needed
 * padding, WARN for the fallback) and summarised by {@link #summary()} for provenance.
 * Thread-safe.
 */
final class ConvKernelCheck {
    private static final Logger LOG = LoggerFactory.getLogger(ConvKernelCheck.class);
    private static final int[] ALIGNMENTS = {16, 32};
    private static final double TOLERANCE = 1e-3;

    /** System property: {@code cached} (default), {@code fresh} or {@code off}. */
    static final String PROPERTY = "deepfake.edge.conv-check";

    /** Per shape: 0 = DJL's block, otherwise the channel alignment that made oneDNN agree. */
    private static final Map<Key, Integer> DECISIONS = new HashMap<>();

    private static String fallback;
    private static boolean loaded;
    private static int measured;

    private ConvKernelCheck() {}

    private record Key(int in, int out, int kernel, int stride, int padding, int groups, boolean bias, int size) {
        static Key of(Layer.Conv c, int size) {
            return new Key(c.in(), c.out(), c.kernel(), c.stride(), c.padding(), c.groups(), c.bias(), size);
        }

        String text() {
            return in + "-" + out + "-k" + kernel + "-s" + stride + "-p" + padding + "-g" + groups + (bias ? "-b" : "")
                    + "-" + size;
        }

        static Key parse(String t) {
            String[] f = t.split("-");
            boolean b = f.length == 8;
            return new Key(Integer.parseInt(f[0]), Integer.parseInt(f[1]), Integer.parseInt(f[2].substring(1)),
                    Integer.parseInt(f[3].substring(1)), Integer.parseInt(f[4].substring(1)),
                    Integer.parseInt(f[5].substring(1)), b, Integer.parseInt(f[b ? 7 : 6]));
        }
    }

    /** Returns a block that computes {@code conv} correctly on square inputs of {@code size}. */
    static synchronized Block block(Layer.Conv conv, int size) {
        int alignment = alignment(conv, size);
        return alignment == 0 ? direct(conv) : new AlignedConv2dBlock(conv, alignment);
    }

    /**
     * Returns what was decided so far: shapes checked, those padded, and whether oneDNN was turned
     * off for the process.
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
        long padded = DECISIONS.values().stream().filter(a -> a != 0).count();
        return DECISIONS.size() + " conv shapes verified (" + measured + " measured in this process), " + padded
                + " channel-padded";
    }

    private static String mode() {
        return System.getProperty(PROPERTY, "cached");
    }

    private static int alignment(Layer.Conv conv, int size) {
        DjlEngine.get();
        if (fallback != null || mode().equals("off") || !OneDnnSwitch.available() || !OneDnnSwitch.enabled()) {
            return 0;
        }
        if (!loaded) {
            loaded = true;
            if (mode().equals("cached")) {
                DECISIONS.putAll(DecisionFile.load());
            }
        }
        Key key = Key.of(conv, size);
        Integer known = DECISIONS.get(key);
        if (known != null) {
            return known;
        }
        measured++;
        double err = disagreement(direct(conv), conv, size);
        int chosen = -1;
        if (err <= TOLERANCE) {
            chosen = 0;
        } else {
            for (int a : ALIGNMENTS) {
                if (AlignedConv2dBlock.pads(conv, a)
                        && disagreement(new AlignedConv2dBlock(conv, a), conv, size) <= TOLERANCE) {
                    chosen = a;
                    break;
                }
            }
        }
        if (chosen < 0) {
            fallback = String.format("%s (%d→%d, %d×%d, %dx%d/%d) differs from PyTorch's kernel by %.3g of its"
                    + " largest value, also with padded channels", conv.name(), conv.in(), conv.out(), size, size,
                    conv.kernel(), conv.kernel(), conv.stride(), err);
            LOG.warn("oneDNN convolution is wrong on this CPU: {}; using PyTorch's own convolution kernels for the"
                    + " rest of this process (correct, 2-5x slower)", fallback);
            OneDnnSwitch.setEnabled(false);
            return 0;
        }
        if (chosen > 0) {
            LOG.info("oneDNN convolution {} ({}→{} channels, {}×{} input, stride {}) differs from PyTorch's kernel by"
                    + " {} of its largest value on this CPU; padding its channels to multiples of {} makes them"
                    + " agree", conv.name(), conv.in(), conv.out(), size, size, conv.stride(),
                    String.format("%.3g", err), chosen);
        }
        DECISIONS.put(key, chosen);
        DecisionFile.save(DECISIONS);
        return chosen;
    }

    private static Block direct(Layer.Conv c) {
        return Conv2d.builder()
                .setKernelShape(new Shape(c.kernel(), c.kernel()))
                .optStride(new Shape(c.stride(), c.stride()))
                .optPadding(new Shape(c.padding(), c.padding()))
                .optGroups(c.groups())
                .setFilters(c.out())
                .optBias(c.bias())
                .build();
    }

    /**
     * Runs {@code block} with oneDNN on and off on the same random data; returns the largest
     * difference of any output or gradient relative to the largest reference value (NaN counts as
     * infinitely far).
     */
    private static double disagreement(Block block, Layer.Conv conv, int size) {
        int n = probeBatch(conv, size);
        Engine engine = DjlEngine.get();
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
            List<float[]> withOneDnn = run(block, m, engine, x, n, conv, size, params, upstream);
            OneDnnSwitch.setEnabled(false);
            List<float[]> reference;
            try {
                reference = run(block, m, engine, x, n, conv, size, params, upstream);
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
        boolean pointwiseSingleThread = conv.kernel() == 1 && conv.stride() == 1 && DjlEngine.threads() <= 1;
        if (pointwiseSingleThread) {
            return 16;
        }
        boolean oneImageSuffices = conv.groups() > 1 || conv.kernel() > 3 || (long) conv.in() * size * size > 20480;
        return oneImageSuffices ? 1 : 2;
    }

    /** Training forward, gradients (input, then each parameter) and inference forward. */
    private static List<float[]> run(Block block, NDManager m, Engine engine, float[] x, int n, Layer.Conv conv,
            int size, List<NDArray> params, long upstreamSeed) {
        List<float[]> out = new ArrayList<>();
        try (NDManager s = m.newSubManager()) {
            ParameterStore store = new ParameterStore(s, false);
            NDArray input = s.create(x, new Shape(n, conv.in(), size, size));
            input.setRequiresGradient(true);
            try (GradientCollector gc = engine.newGradientCollector()) {
                NDArray y = block.forward(store, new NDList(input), true).singletonOrThrow();
                // the same upstream gradient in both runs
                NDArray g = s.create(random(new SplittableRandom(upstreamSeed), (int) y.size(), 1), y.getShape());
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
            NDArray plain = s.create(x, new Shape(n, conv.in(), size, size));
            out.add(block.forward(store, new NDList(plain), false).singletonOrThrow().toFloatArray());
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

        private DecisionFile() {}

        static Path path() {
            return ai.djl.util.Utils.getCacheDir().resolve("deepfake-edge").resolve("conv-kernel-check.properties");
        }

        static Map<Key, Integer> load() {
            Map<Key, Integer> out = new HashMap<>();
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
                        out.put(Key.parse(k), Integer.parseInt(props.getProperty(k)));
                    }
                }
            } catch (IOException | RuntimeException e) {
                LOG.debug("ignoring unreadable {}: {}", p, e.toString());
                out.clear();
            }
            return out;
        }

        static void save(Map<Key, Integer> decisions) {
            Path p = path();
            Properties props = new Properties();
            props.setProperty(MACHINE, machine());
            decisions.forEach((k, v) -> props.setProperty(k.text(), Integer.toString(v)));
            try {
                Files.createDirectories(p.getParent());
                Path tmp = Files.createTempFile(p.getParent(), "conv-kernel-check", ".tmp");
                try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                    props.store(w, "deepfake-edge: how each convolution shape runs correctly on this machine"
                            + " (0 = as it is, 16/32 = channels padded)");
                }
                Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                // a read-only cache only costs the next process the measurement
                LOG.debug("cannot write {}: {}", p, e.toString());
            }
        }

        /** What a decision depends on: libtorch, the CPU as the kernels see it, the thread count. */
        static String machine() {
            StringBuilder b = new StringBuilder();
            b.append("pytorch ").append(DjlEngine.get().getVersion()).append("; threads ").append(DjlEngine.threads());
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
