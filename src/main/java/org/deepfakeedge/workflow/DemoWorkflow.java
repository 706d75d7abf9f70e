package org.deepfakeedge.workflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deepfakeedge.InvalidInputException;
import org.deepfakeedge.artifact.AtomicFiles;
import org.deepfakeedge.data.synth.ProgressListener;
import org.deepfakeedge.data.synth.SynthSpec;
import org.deepfakeedge.data.synth.SyntheticDatasets;
import org.deepfakeedge.report.MarkdownReport;
import org.deepfakeedge.report.ModelSummary;
import org.deepfakeedge.train.TrainListener;
import org.deepfakeedge.train.TrainSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The main job on built-in data: synthesise a dataset, train the teacher and the 10% student,
 * evaluate both and write a Markdown report joining accuracy with size and training time.
 */
public final class DemoWorkflow {
    private static final Logger LOG = LoggerFactory.getLogger(DemoWorkflow.class);

    private DemoWorkflow() {}

    /**
     * Demo settings.
     *
     * @param out output folder (data/, models/, report.md)
     * @param imageSize image and model input size
     * @param count synthetic images per class
     * @param epochs training epochs per model
     * @param seed master seed
     * @param threads CPU threads (0 = all)
     * @param archs architectures to train
     */
    public record DemoSpec(Path out, int imageSize, int count, int epochs, long seed, int threads, List<String> archs) {
        public DemoSpec {
            archs = List.copyOf(archs);
        }

        /** The defaults: 64 px, 600 images per class, 8 epochs, teacher and student-10. */
        public static DemoSpec defaults(Path out) {
            return new DemoSpec(out, 64, 600, 8, 42, 0, List.of("teacher", "student-10"));
        }
    }

    /** Listener factory: one progress listener per trained model. */
    public interface Progress {
        TrainListener forModel(String arch);
    }

    /** Runs the demo and returns the report path. */
    public static Path run(DemoSpec spec, Progress progress) throws IOException {
        long t0 = System.nanoTime();
        Path data = spec.out().resolve("data");
        SynthSpec synth = new SynthSpec(spec.imageSize(), spec.count(), spec.seed(), "mixed", 0.15, 0.15);
        if (Files.isDirectory(data) && Files.isRegularFile(data.resolve("dataset.json"))) {
            LOG.info("reusing the synthetic data in {}", data);
        } else if (Files.exists(data)) {
            throw new InvalidInputException(data + " exists but is not a synthetic dataset; delete it or choose another --out");
        } else {
            LOG.info("writing synthetic data ({} images per class, {} px) to {}", spec.count(), spec.imageSize(), data);
            SyntheticDatasets.write(synth, data, ProgressListener.NONE);
        }
        List<ModelSummary> rows = new ArrayList<>();
        for (String arch : spec.archs()) {
            Path modelDir = spec.out().resolve("models").resolve(arch);
            TrainSpec ts = TrainSpec.defaults().withEpochs(spec.epochs()).withSeed(spec.seed()).withThreads(spec.threads());
            TrainRequest req = new TrainRequest(data, org.deepfakeedge.data.DatasetOptions.defaults(), arch, spec.imageSize(), ts, "imagenet", "stretch", modelDir, false, true);
            TrainWorkflow.run(req, progress.forModel(arch));
            rows.add(ModelSummary.read(arch, modelDir));
        }
        double minutes = (System.nanoTime() - t0) / 60e9;
        Path report = spec.out().resolve("report.md");
        String md = "# deepfake-edge demo report\n\n"
                + String.format(Locale.ROOT, "Built-in synthetic data: %d images per class at %d×%d px, fakes from three "
                        + "generator families (checkerboard, smooth, spectral), seed %d; %d epochs per model; "
                        + "metrics on the held-out test split, positive class = fake, threshold chosen on validation data. "
                        + "Total time %.1f min.%n%n", spec.count(), spec.imageSize(), spec.imageSize(), spec.seed(),
                        spec.epochs(), minutes)
                + "## Detection quality, size and training time\n\n" + MarkdownReport.modelTable(rows)
                + "\n## Per generator (test split)\n\n" + MarkdownReport.perGeneratorTable(rows)
                + "\nModels, metrics.json and ROC curves are in `" + spec.out().resolve("models") + "`.\n";
        AtomicFiles.write(report, md.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return report;
    }
}
