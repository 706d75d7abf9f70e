package org.deepfakeedge.compress.distill;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.deepfakeedge.data.Batch;
import org.deepfakeedge.train.Objective;

/**
 * Offline distillation objective: the frozen teacher, in inference mode, scores the (augmented)
 * images the student sees, and {@link KdLoss} compares the two.
 *
 * <p>The teacher's logits are cached per exact input in a {@link TeacherAnswerCache} (by default
 * the one the process shares, so students distilled from one teacher on the same data reuse each
 * other's answers): the key is a SHA-256 digest of the teacher's identity, the sample's file and
 * the augmented, normalised image the student gets, so a cached value is always this teacher's
 * answer to that very tensor, for any augmentation. With the default augmentation (horizontal
 * flips) an image has two variants, so the teacher scores each training image at most twice in the
 * whole run instead of once per epoch; augmentations that never repeat (random crops) simply miss.
 * With {@link TeacherViews#MIRROR} (the commands' default) an image and its mirror share one
 * answer, so the teacher scores each training image once per process. Misses of a batch are scored
 * together in one teacher forward pass. Measured on student-10 from the teacher at 64 px (2 cores):
 * the teacher's forward pass on every batch made distillation 6–8× slower than training the student
 * alone.
 *
 * <p>The teacher runs on its own {@link TeacherRuntime} (ONNX Runtime by default), outside the
 * student's autograd graph. Not thread-safe; closes the teacher.
 */
public final class DistillationObjective implements Objective, AutoCloseable {
    private final Teacher teacher;
    private final double temperature;
    private final double weight;
    private final TeacherAnswerCache cache;
    private final byte[] teacherId;
    private final TeacherViews views;
    private long hits;
    private long misses;

    /** Takes ownership of {@code teacher}; answers go to the process's shared cache. */
    public DistillationObjective(
            Teacher teacher, double temperature, double weight, TeacherViews views) {
        this(teacher, temperature, weight, views, TeacherAnswerCache.shared());
    }

    /** Takes ownership of {@code teacher}; answers go to {@code cache}. */
    public DistillationObjective(
            Teacher teacher,
            double temperature,
            double weight,
            TeacherViews views,
            TeacherAnswerCache cache) {
        this.teacher = teacher;
        this.views = views;
        this.temperature = temperature;
        this.weight = weight;
        this.cache = cache;
        this.teacherId = teacher.id();
    }

    @Override
    public NDArray loss(NDArray logits, NDArray labels, Batch batch, NDManager scope) {
        int n = batch.size();
        int len = batch.data().length / n;
        int classes = teacher.spec().numClasses();
        String[] keys = new String[n];
        float[][] answers = new float[n][];
        List<Integer> missing = new ArrayList<>();
        MessageDigest md = TeacherAnswerCache.sha256();
        ByteBuffer bytes = ByteBuffer.allocate(len * Float.BYTES);
        float[] mirror = views == TeacherViews.MIRROR ? new float[len] : null;
        for (int i = 0; i < n; i++) {
            keys[i] = key(batch, i, len, md, bytes, mirror);
            answers[i] = cache.get(keys[i]);
            if (answers[i] == null) {
                missing.add(i);
            }
        }
        if (!missing.isEmpty()) {
            float[] sub = new float[missing.size() * len];
            for (int j = 0; j < missing.size(); j++) {
                System.arraycopy(batch.data(), missing.get(j) * len, sub, j * len, len);
            }
            float[] z = teacher.logits(sub, missing.size());
            for (int j = 0; j < missing.size(); j++) {
                int i = missing.get(j);
                answers[i] = Arrays.copyOfRange(z, j * classes, (j + 1) * classes);
                cache.put(keys[i], answers[i]);
            }
        }
        hits += n - missing.size();
        misses += missing.size();
        float[] all = new float[n * classes];
        for (int i = 0; i < n; i++) {
            System.arraycopy(answers[i], 0, all, i * classes, classes);
        }
        NDArray zt = scope.create(all, new Shape(n, classes));
        return KdLoss.loss(logits, zt, labels, temperature, weight);
    }

    /** Returns where the teacher runs (a teacher ONNX Runtime cannot run falls back to DJL). */
    public TeacherRuntime teacherRuntime() {
        return teacher.runtime();
    }

    /** Returns {hits, misses} of this objective's lookups in the teacher cache so far. */
    public long[] cacheStats() {
        return new long[] {hits, misses};
    }

    /**
     * The cache key of image {@code i}: of its exact tensor, or with {@code mirror} scratch space
     * of whichever of the tensor and its horizontal mirror comes first in element order, so both
     * views share one key (and only one view is hashed). {@code md} and {@code bytes} are reused
     * scratch space.
     */
    private String key(
            Batch batch, int i, int len, MessageDigest md, ByteBuffer bytes, float[] mirror) {
        String file = batch.samples().get(i).path().toString();
        if (mirror == null) {
            return digest(file, batch.data(), i * len, len, md, bytes);
        }
        mirrorOf(batch.data(), i * len, teacher.spec().imageSize(), mirror);
        boolean mirrorFirst =
                Arrays.compare(batch.data(), i * len, (i + 1) * len, mirror, 0, len) > 0;
        // prefixed: an answer shared by two views never serves an exact lookup of the other view
        return "m"
                + (mirrorFirst
                        ? digest(file, mirror, 0, len, md, bytes)
                        : digest(file, batch.data(), i * len, len, md, bytes));
    }

    private String digest(
            String file, float[] data, int offset, int len, MessageDigest md, ByteBuffer bytes) {
        bytes.clear();
        md.update(teacherId);
        bytes.asFloatBuffer().put(data, offset, len);
        md.update(file.getBytes(StandardCharsets.UTF_8));
        md.update(bytes.array());
        return HexFormat.of().formatHex(md.digest()); // digest() also resets md for the next image
    }

    /**
     * Writes the horizontal mirror of the CHW image at {@code offset} (square, {@code size} px).
     */
    static void mirrorOf(float[] data, int offset, int size, float[] out) {
        int plane = size * size;
        int channels = out.length / plane;
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < size; y++) {
                int row = c * plane + y * size;
                for (int x = 0; x < size; x++) {
                    out[row + x] = data[offset + row + size - 1 - x];
                }
            }
        }
    }

    @Override
    public void close() {
        teacher.close();
    }
}
