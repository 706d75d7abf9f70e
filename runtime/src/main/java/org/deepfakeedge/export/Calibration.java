package org.deepfakeedge.export;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deepfakeedge.InvalidInputException;
import org.deepfakeedge.data.BadImageException;
import org.deepfakeedge.data.DatasetIndex;
import org.deepfakeedge.data.DatasetLoader;
import org.deepfakeedge.data.ImageDecoder;
import org.deepfakeedge.data.ImagePreprocessor;
import org.deepfakeedge.data.Sample;
import org.deepfakeedge.data.Split;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calibration for static INT8: loads calibration images and measures activation ranges by running
 * an fp32 ONNX graph whose tensors of interest are extra graph outputs.
 *
 * <p>Stateless and thread-safe.
 */
public final class Calibration {
    private static final Logger LOG = LoggerFactory.getLogger(Calibration.class);
    private static final int BATCH = 8;
    private static final int BINS = 4096;
    private static final double PERCENTILE = 0.9999;

    private Calibration() {}

    /**
     * A float range mapped to uint8 asymmetric quantization; the range always includes 0.
     *
     * @param min observed (or clipped) minimum
     * @param max observed (or clipped) maximum
     */
    public record Range(float min, float max) {
        /** Returns (max' − min') / 255 with min' = min(min, 0), max' = max(max, 0); 1 if empty. */
        public float scale() {
            float lo = Math.min(min, 0f);
            float hi = Math.max(max, 0f);
            float s = (hi - lo) / 255f;
            return s > 0 ? s : 1f;
        }

        /** Returns round(−min'/scale) clamped to [0, 255]. */
        public int zeroPoint() {
            int z = Math.round(-Math.min(min, 0f) / scale());
            return Math.max(0, Math.min(255, z));
        }
    }

    /** Calibration images packed as N·C·S·S floats. */
    public record Images(float[] data, int count, List<Path> files) {}

    /**
     * Loads up to {@code count} images: the train split if the data has one, else all images, in a
     * seeded shuffle (so both classes are represented), preprocessed by {@code pre}. Undecodable
     * files are skipped with a warning.
     *
     * @throws InvalidInputException if the folder yields no decodable image
     */
    public static Images loadImages(Path dir, ImagePreprocessor pre, int count) {
        DatasetIndex index = DatasetLoader.open(dir);
        List<Sample> pool = new ArrayList<>(index.split(Split.TRAIN));
        if (pool.isEmpty()) {
            pool.addAll(index.samples());
        }
        Collections.shuffle(pool, new Random(OnnxExporter.CHECK_SEED));
        int per = pre.tensorLength();
        int n = Math.min(count, pool.size());
        float[] data = new float[n * per];
        List<Path> files = new ArrayList<>();
        for (Sample s : pool) {
            if (files.size() == n) {
                break;
            }
            try {
                float[] t = pre.toTensor(ImageDecoder.read(s.path()));
                System.arraycopy(t, 0, data, files.size() * per, per);
                files.add(s.path());
            } catch (BadImageException e) {
                LOG.warn("calibration: skipping {}", e.getMessage());
            }
        }
        if (files.isEmpty()) {
            throw new InvalidInputException(
                    "--calibration " + dir + " has no decodable image; pass a folder of images");
        }
        if (files.size() < count) {
            LOG.warn("calibration uses {} images (asked for {})", files.size(), count);
        }
        int got = files.size();
        return new Images(
                got == n ? data : java.util.Arrays.copyOf(data, got * per),
                got,
                List.copyOf(files));
    }

    /** Result of one calibration run. */
    record Result(Map<String, Range> ranges, float[] fp32Logits) {}

    /**
     * Runs {@code calibrationModel} (fp32, output 0 = logits, the other outputs = {@code tensors})
     * on the images and returns a range per tensor; {@link OnnxExporter#INPUT} is measured on the
     * images themselves.
     */
    static Result measure(
            byte[] calibrationModel,
            List<String> tensors,
            Images images,
            long[] chw,
            Int8Options.Method method) {
        int per = (int) (chw[0] * chw[1] * chw[2]);
        Map<String, float[]> minMax = new HashMap<>();
        float[] logits = null;
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.BASIC_OPT);
            try (OrtSession s = env.createSession(calibrationModel, o)) {
                // pass 1: min/max and logits
                List<Float> lg = new ArrayList<>();
                forEachBatch(
                        env,
                        s,
                        images,
                        chw,
                        (name, buf) -> {
                            float[] mm =
                                    minMax.computeIfAbsent(
                                            name,
                                            k -> new float[] {Float.MAX_VALUE, -Float.MAX_VALUE});
                            while (buf.hasRemaining()) {
                                float v = buf.get();
                                if (v < mm[0]) {
                                    mm[0] = v;
                                }
                                if (v > mm[1]) {
                                    mm[1] = v;
                                }
                            }
                        },
                        lg);
                logits = new float[lg.size()];
                for (int i = 0; i < logits.length; i++) {
                    logits[i] = lg.get(i);
                }
                Map<String, Range> ranges = new HashMap<>();
                if (method == Int8Options.Method.MINMAX) {
                    minMax.forEach((k, v) -> ranges.put(k, new Range(v[0], v[1])));
                } else {
                    Map<String, long[]> hist = new HashMap<>();
                    forEachBatch(
                            env,
                            s,
                            images,
                            chw,
                            (name, buf) -> {
                                float[] mm = minMax.get(name);
                                float top = Math.max(Math.abs(mm[0]), Math.abs(mm[1]));
                                long[] h = hist.computeIfAbsent(name, k -> new long[BINS]);
                                while (buf.hasRemaining()) {
                                    float a = Math.abs(buf.get());
                                    int b = top > 0 ? (int) (a / top * (BINS - 1)) : 0;
                                    h[Math.min(BINS - 1, b)]++;
                                }
                            },
                            null);
                    hist.forEach(
                            (k, h) -> {
                                float[] mm = minMax.get(k);
                                float top = Math.max(Math.abs(mm[0]), Math.abs(mm[1]));
                                long total = 0;
                                for (long c : h) {
                                    total += c;
                                }
                                long want = (long) Math.ceil(total * PERCENTILE);
                                long acc = 0;
                                int b = 0;
                                for (; b < BINS; b++) {
                                    acc += h[b];
                                    if (acc >= want) {
                                        break;
                                    }
                                }
                                float p = top * Math.min(1f, (b + 1f) / (BINS - 1));
                                ranges.put(k, new Range(Math.max(mm[0], -p), Math.min(mm[1], p)));
                            });
                }
                for (String t : tensors) {
                    if (!ranges.containsKey(t)) {
                        throw new IllegalStateException("calibration did not produce " + t);
                    }
                }
                return new Result(ranges, logits);
            }
        } catch (OrtException e) {
            throw new ExportException("calibration run failed: " + e.getMessage());
        }
    }

    /**
     * Runs {@code model} (an exported graph) on the images and returns its logits (N, classes), row
     * by row, in batches of {@value #BATCH}.
     */
    static float[] logits(byte[] model, Images images, long[] chw) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        List<Float> lg = new ArrayList<>();
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            try (OrtSession s = env.createSession(model, o)) {
                forEachBatch(env, s, images, chw, (name, buf) -> {}, lg);
            }
        } catch (OrtException e) {
            throw new ExportException(
                    "ONNX Runtime cannot run the exported model: " + e.getMessage(), e);
        }
        float[] out = new float[lg.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = lg.get(i);
        }
        return out;
    }

    private interface Sink {
        void accept(String tensor, FloatBuffer values);
    }

    private static void forEachBatch(
            OrtEnvironment env,
            OrtSession s,
            Images images,
            long[] chw,
            Sink sink,
            List<Float> logits)
            throws OrtException {
        int per = (int) (chw[0] * chw[1] * chw[2]);
        for (int start = 0; start < images.count(); start += BATCH) {
            int n = Math.min(BATCH, images.count() - start);
            sink.accept(OnnxExporter.INPUT, FloatBuffer.wrap(images.data(), start * per, n * per));
            long[] shape = {n, chw[0], chw[1], chw[2]};
            try (OnnxTensor x =
                            OnnxTensor.createTensor(
                                    env,
                                    FloatBuffer.wrap(images.data(), start * per, n * per),
                                    shape);
                    OrtSession.Result r = s.run(Map.of(OnnxExporter.INPUT, x))) {
                for (Map.Entry<String, OnnxValue> e : r) {
                    FloatBuffer fb = ((OnnxTensor) e.getValue()).getFloatBuffer();
                    if (e.getKey().equals(OnnxExporter.OUTPUT)) {
                        if (logits != null) {
                            while (fb.hasRemaining()) {
                                logits.add(fb.get());
                            }
                        }
                    } else {
                        sink.accept(e.getKey(), fb);
                    }
                }
            }
        }
    }
}
