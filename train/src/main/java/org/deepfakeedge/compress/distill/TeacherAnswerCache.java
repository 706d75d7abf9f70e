package org.deepfakeedge.compress.distill;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deepfakeedge.model.ModelSpec;
import org.deepfakeedge.model.Tensor;
import org.deepfakeedge.model.Weights;

/**
 * The teacher's logits for exact inputs, shared by every distillation in the process.
 *
 * <p>Why shared: an experiment distils one teacher into several students (the paper's four) on the
 * same data with the same seed, so the students see the same augmented tensors; the teacher costs
 * 47× student-10's multiply-adds per image, and scoring each tensor once for all students instead
 * of once per student is most of what distillation costs beyond training the student. A key is the
 * SHA-256 of the teacher's identity (its spec and every weight, see {@link #teacherId}), the
 * sample's file and the augmented, normalised tensor, so an answer is only ever reused for that
 * teacher and that very input.
 *
 * <p>Bounded: at most {@link #MAX_ENTRIES} answers (about 20 MB with two classes); the least
 * recently used go first. Thread-safe.
 */
public final class TeacherAnswerCache {
    /** Answers kept at most. */
    public static final int MAX_ENTRIES = 200_000;

    private static final TeacherAnswerCache SHARED = new TeacherAnswerCache(MAX_ENTRIES);

    private final Map<String, float[]> answers;

    /** Creates a private cache of at most {@code maxEntries} answers. */
    public TeacherAnswerCache(int maxEntries) {
        if (maxEntries < 0) {
            throw new IllegalArgumentException("maxEntries must be >= 0, found " + maxEntries);
        }
        answers =
                new LinkedHashMap<>(16, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                        return size() > maxEntries;
                    }
                };
    }

    /** Returns the cache every distillation in this process shares. */
    public static TeacherAnswerCache shared() {
        return SHARED;
    }

    /** Returns the cached logits for {@code key}, or null. */
    public synchronized float[] get(String key) {
        return answers.get(key);
    }

    /** Keeps {@code logits} (not copied: never modify them afterwards) for {@code key}. */
    public synchronized void put(String key, float[] logits) {
        answers.put(key, logits);
    }

    /** Returns how many answers are kept. */
    public synchronized int size() {
        return answers.size();
    }

    /** Drops every answer. */
    public synchronized void clear() {
        answers.clear();
    }

    /**
     * Returns a digest of everything the teacher's answers depend on: its spec (architecture, input
     * size, layers) and the name, shape and value of every weight.
     */
    public static byte[] teacherId(ModelSpec spec, Weights weights) {
        MessageDigest md = sha256();
        md.update(spec.toString().getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, Tensor> e : new java.util.TreeMap<>(weights.asMap()).entrySet()) {
            md.update(e.getKey().getBytes(StandardCharsets.UTF_8));
            Tensor t = e.getValue();
            ByteBuffer b = ByteBuffer.allocate((t.shape().length + t.data().length) * Float.BYTES);
            for (int d : t.shape()) {
                b.putInt(d);
            }
            b.asFloatBuffer().put(t.data());
            md.update(b.array());
        }
        return md.digest();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
