package org.deepfakeedge.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.deepfakeedge.compress.distill.TeacherRuntime;
import org.deepfakeedge.compress.distill.TeacherViews;
import org.deepfakeedge.workflow.CompressionWorkflow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code deepfake-edge distill}. */
@Command(
        name = "distill",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Train a small student from a trained teacher by knowledge distillation.",
            "L = w·T²·KL(softmax(z_t/T) ‖ softmax(z_s/T)) + (1−w)·CE(z_s, y); the teacher is frozen, in inference mode."
        })
public final class DistillCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec commandSpec;

    @Option(names = "--teacher", required = true, description = "Trained teacher artifact.")
    Path teacher;

    @Option(
            names = "--student",
            required = true,
            description = "Student architecture: student-40, student-30, student-20 or student-10.")
    String student;

    @Option(
            names = "--temperature",
            defaultValue = "2",
            description = "Softening temperature T (default: ${DEFAULT-VALUE}, the paper's).")
    double temperature;

    @Option(
            names = "--kd-weight",
            defaultValue = "0.5",
            description =
                    "Weight w of the soft (teacher) term; lower it when the teacher is weak (default: ${DEFAULT-VALUE}).")
    double kdWeight;

    @Option(
            names = "--teacher-views",
            paramLabel = "mirror|exact",
            defaultValue = "mirror",
            description =
                    "mirror: an image and its left-right flip share the teacher's answer, so the teacher scores each image once;"
                            + " exact: the teacher scores every view the student sees (slower) (default: ${DEFAULT-VALUE}).")
    String teacherViews;

    @Option(
            names = "--teacher-runtime",
            paramLabel = "onnx|djl",
            defaultValue = "onnx",
            description =
                    "Where the frozen teacher scores the images: onnx (ONNX Runtime, faster for a forward-only model)"
                            + " or djl (libtorch, the student's engine) (default: ${DEFAULT-VALUE}).")
    String teacherRuntime;

    @Option(
            names = "--epochs",
            defaultValue = "10",
            description = "Training epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Mixin CompressMixin common;

    @Override
    public Integer call() throws Exception {
        CompressionWorkflow wf =
                new CompressionWorkflow(
                        common.toOptions(
                                epochs, 0, org.deepfakeedge.train.Recipes.scratchLr(student)),
                        new ConsoleProgress(student));
        commandSpec
                .commandLine()
                .getOut()
                .print(
                        CompressionSummary.render(
                                wf.distill(
                                        teacher,
                                        student,
                                        temperature,
                                        kdWeight,
                                        TeacherViews.parse(teacherViews),
                                        TeacherRuntime.parse(teacherRuntime)),
                                common.json));
        return ExitCodes.OK;
    }
}
