package org.deepfakeedge.compress.distill;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.deepfakeedge.data.Batch;
import org.deepfakeedge.data.Sample;
import org.deepfakeedge.data.Split;
import org.deepfakeedge.engine.DjlNetwork;
import org.deepfakeedge.model.ModelSpec;
import org.deepfakeedge.model.ModelZoo;
import org.deepfakeedge.model.WeightInit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The teacher cache answers exactly what the teacher would, and only for the same tensor. */
@Tag("engine")
class DistillationObjectiveTest {
    private static final ModelSpec TEACHER = ModelZoo.build("student-30", 32);

    private static Batch batch(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n * 3 * 32 * 32];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        int[] labels = new int[n];
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
            samples.add(new Sample(Path.of("img" + i + ".png"), labels[i], Split.TRAIN, ""));
        }
        return new Batch(x, labels, samples, n, 3, 32, 32);
    }

    @Test
    void cached_teacher_logits_equal_the_teachers_and_repeat_only_for_the_same_tensor() {
        Batch b = batch(1, 6);
        Batch other = batch(2, 6); // same files, other pixels: an augmentation that differs
        float[] studentLogits = {
            0.3f, -0.2f, 1.1f, 0.4f, -0.5f, 0.9f, 0.0f, 0.2f, 0.7f, -1.0f, 0.1f, 0.1f
        };
        float[] teacherLogits;
        try (DjlNetwork t = DjlNetwork.create(TEACHER, WeightInit.pytorchDefault(TEACHER, 4))) {
            teacherLogits = t.logits(b.data(), 6);
        }
        TeacherAnswerCache cache = new TeacherAnswerCache(100);
        try (DistillationObjective kd =
                        new DistillationObjective(
                                Teacher.open(
                                        TEACHER,
                                        WeightInit.pytorchDefault(TEACHER, 4),
                                        TeacherRuntime.DJL),
                                2.0,
                                0.7,
                                TeacherViews.EXACT,
                                cache);
                NDManager m = NDManager.newBaseManager()) {
            NDArray z = m.create(studentLogits, new Shape(6, 2));
            NDArray y = m.create(b.labels());
            float first = kd.loss(z, y, b, m).getFloat();
            assertThat(kd.cacheStats()).containsExactly(0, 6);
            float second = kd.loss(z, y, b, m).getFloat();
            assertThat(kd.cacheStats()).containsExactly(6, 6);
            assertThat(second).isEqualTo(first);
            double expected = KdLoss.loss(studentLogits, teacherLogits, b.labels(), 2, 2.0, 0.7);
            assertThat((double) first)
                    .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-5));
            kd.loss(z, y, other, m);
            assertThat(kd.cacheStats()).containsExactly(6, 12);
        }
        // a second student of the same teacher reuses the answers; another teacher never does
        try (DistillationObjective same =
                        new DistillationObjective(
                                Teacher.open(
                                        TEACHER,
                                        WeightInit.pytorchDefault(TEACHER, 4),
                                        TeacherRuntime.DJL),
                                2.0,
                                0.7,
                                TeacherViews.EXACT,
                                cache);
                DistillationObjective otherTeacher =
                        new DistillationObjective(
                                Teacher.open(
                                        TEACHER,
                                        WeightInit.pytorchDefault(TEACHER, 5),
                                        TeacherRuntime.DJL),
                                2.0,
                                0.7,
                                TeacherViews.EXACT,
                                cache);
                NDManager m = NDManager.newBaseManager()) {
            NDArray z = m.create(studentLogits, new Shape(6, 2));
            NDArray y = m.create(b.labels());
            same.loss(z, y, b, m);
            assertThat(same.cacheStats()).containsExactly(6, 0);
            otherTeacher.loss(z, y, b, m);
            assertThat(otherTeacher.cacheStats()).containsExactly(0, 6);
        }
    }

    @Test
    void the_onnx_teacher_answers_as_the_djl_teacher_and_the_cache_keeps_them_apart() {
        Batch b = batch(1, 6);
        float[] djl;
        float[] onnx;
        var w = WeightInit.pytorchDefault(TEACHER, 4);
        try (Teacher d = Teacher.open(TEACHER, w, TeacherRuntime.DJL);
                Teacher o = Teacher.open(TEACHER, w, TeacherRuntime.ONNX)) {
            assertThat(o.runtime()).isEqualTo(TeacherRuntime.ONNX);
            assertThat(o.id()).isNotEqualTo(d.id());
            djl = d.logits(b.data(), 6);
            onnx = o.logits(b.data(), 6);
        }
        assertThat(onnx).hasSize(12);
        for (int i = 0; i < djl.length; i++) {
            assertThat(onnx[i]).isCloseTo(djl[i], org.assertj.core.data.Offset.offset(1e-4f));
        }
        TeacherAnswerCache cache = new TeacherAnswerCache(100);
        try (DistillationObjective a =
                        new DistillationObjective(
                                Teacher.open(TEACHER, w, TeacherRuntime.DJL),
                                2.0,
                                0.7,
                                TeacherViews.EXACT,
                                cache);
                DistillationObjective c =
                        new DistillationObjective(
                                Teacher.open(TEACHER, w, TeacherRuntime.ONNX),
                                2.0,
                                0.7,
                                TeacherViews.EXACT,
                                cache);
                NDManager m = NDManager.newBaseManager()) {
            NDArray z = m.create(new float[12], new Shape(6, 2));
            NDArray y = m.create(b.labels());
            a.loss(z, y, b, m);
            c.loss(z, y, b, m);
            assertThat(c.cacheStats()).containsExactly(0, 6);
            assertThat(c.teacherRuntime()).isEqualTo(TeacherRuntime.ONNX);
        }
    }

    @Test
    void the_cache_forgets_the_least_recently_used_answer_first() {
        TeacherAnswerCache cache = new TeacherAnswerCache(2);
        cache.put("a", new float[] {1});
        cache.put("b", new float[] {2});
        assertThat(cache.get("a")).containsExactly(1); // a is now the most recent
        cache.put("c", new float[] {3});
        assertThat(cache.get("b")).isNull();
        assertThat(cache.get("a")).containsExactly(1);
        assertThat(cache.size()).isEqualTo(2);
    }

    /** The batch with every image mirrored left to right. */
    private static Batch mirrored(Batch b) {
        int len = b.data().length / b.size();
        float[] x = new float[b.data().length];
        float[] one = new float[len];
        for (int i = 0; i < b.size(); i++) {
            DistillationObjective.mirrorOf(b.data(), i * len, 32, one);
            System.arraycopy(one, 0, x, i * len, len);
        }
        return new Batch(x, b.labels(), b.samples(), b.size(), 3, 32, 32);
    }

    @Test
    void mirror_is_a_left_right_flip_and_its_own_inverse() {
        Batch b = batch(3, 2);
        int len = 3 * 32 * 32;
        float[] m = new float[len];
        DistillationObjective.mirrorOf(b.data(), len, 32, m); // the second image
        // channel 2, row 5, column 0 comes from column 31
        assertThat(m[2 * 1024 + 5 * 32]).isEqualTo(b.data()[len + 2 * 1024 + 5 * 32 + 31]);
        float[] back = new float[len];
        DistillationObjective.mirrorOf(m, 0, 32, back);
        assertThat(back).containsExactly(java.util.Arrays.copyOfRange(b.data(), len, 2 * len));
    }

    @Test
    void with_mirror_views_an_image_and_its_mirror_share_the_first_answer() {
        Batch b = batch(1, 6);
        Batch flipped = mirrored(b);
        float[] studentLogits = {
            0.3f, -0.2f, 1.1f, 0.4f, -0.5f, 0.9f, 0.0f, 0.2f, 0.7f, -1.0f, 0.1f, 0.1f
        };
        float[] teacherLogits;
        float[] teacherOnFlipped;
        try (DjlNetwork t = DjlNetwork.create(TEACHER, WeightInit.pytorchDefault(TEACHER, 4))) {
            teacherLogits = t.logits(b.data(), 6);
            teacherOnFlipped = t.logits(flipped.data(), 6);
        }
        // the random test teacher is not mirror-invariant, so sharing is visible in the loss
        assertThat(teacherOnFlipped).isNotEqualTo(teacherLogits);
        try (DistillationObjective kd =
                        new DistillationObjective(
                                Teacher.open(
                                        TEACHER,
                                        WeightInit.pytorchDefault(TEACHER, 4),
                                        TeacherRuntime.DJL),
                                2.0,
                                0.7,
                                TeacherViews.MIRROR,
                                new TeacherAnswerCache(100));
                NDManager m = NDManager.newBaseManager()) {
            NDArray z = m.create(studentLogits, new Shape(6, 2));
            NDArray y = m.create(b.labels());
            kd.loss(z, y, b, m);
            assertThat(kd.cacheStats()).containsExactly(0, 6);
            float onFlipped = kd.loss(z, y, flipped, m).getFloat();
            assertThat(kd.cacheStats()).containsExactly(6, 6);
            double firstViewAnswer =
                    KdLoss.loss(studentLogits, teacherLogits, b.labels(), 2, 2.0, 0.7);
            assertThat((double) onFlipped)
                    .isCloseTo(firstViewAnswer, org.assertj.core.data.Offset.offset(1e-5));
            kd.loss(z, y, batch(2, 6), m); // other pixels: new answers
            assertThat(kd.cacheStats()).containsExactly(6, 12);
        }
    }
}
