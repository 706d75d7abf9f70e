package org.deepfakeedge.compress.distill;

import java.util.Locale;
import org.deepfakeedge.InvalidInputException;

/**
 * Where a distillation's frozen teacher runs its forward passes.
 *
 * <p>Why ONNX Runtime by default: the teacher only ever runs forward, in inference mode, and on
 * that ONNX Runtime is faster than libtorch here. Measured on the demo's teacher at 64 px, batch
 * 32, 448 images from a cold start (AMD EPYC Zen 5, 2 cores): 2.4 s on ONNX Runtime including the
 * in-memory export and session creation against 3.2–3.7 s on DJL; warm, 3.5 against 4–8.6 ms per
 * image. The teacher's pass over the training images is most of what a first distillation costs
 * beyond training the student alone. The two runtimes' logits agree to about 1e-5, which moves the
 * student's loss by far less than the batch-to-batch noise; {@link #DJL} keeps libtorch.
 */
public enum TeacherRuntime {
    /** The teacher exported in memory and run on ONNX Runtime (the default). */
    ONNX,
    /** The teacher on DJL's PyTorch engine, the student's own engine. */
    DJL;

    /** The name on the command line and in lineages: {@code onnx} or {@code djl}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code onnx} or {@code djl}, case-insensitively. */
    public static TeacherRuntime parse(String s) {
        for (TeacherRuntime r : values()) {
            if (r.id().equalsIgnoreCase(s == null ? "" : s.strip())) {
                return r;
            }
        }
        throw new InvalidInputException("--teacher-runtime must be onnx or djl, found " + s);
    }
}
