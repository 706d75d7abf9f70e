package org.deepfakeedge.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.deepfakeedge.calibrate.CalibrateSpec;
import org.deepfakeedge.calibrate.CalibrationResult;
import org.deepfakeedge.calibrate.Calibrator;
import org.deepfakeedge.data.Split;
import org.deepfakeedge.eval.TemperatureFit;
import org.deepfakeedge.provenance.Json;
import org.deepfakeedge.render.Format;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code deepfake-edge calibrate}: fit a logit temperature and store it in the artifact. */
@Command(
        name = "calibrate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Calibrate a model: fit temperature scaling (p_fake = sigmoid((l_fake - l_real) / T)) on held-out images and store T in the artifact's model.json.",
            "T minimises the negative log-likelihood on the split (default val: held out from training, and not the test split the metrics are reported on), searched in [0.05, 20].",
            "Every runtime applies it (DJL, ONNX Runtime, export: the exported graph divides its logits by T, serve, scan, predict, evaluate).",
            "The ranking and every verdict stay the same: the threshold is mapped through T. Prints T and NLL, ECE, Brier before -> after.",
            "An exported .onnx file cannot be calibrated: calibrate its artifact folder, then export again. See docs/robustness.md."
        })
public final class CalibrateCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--model",
            required = true,
            paramLabel = "MODEL",
            description = "Model artifact folder (updated in place unless --out is given).")
    Path model;

    @Option(
            names = "--data",
            required = true,
            paramLabel = "DIR",
            description = "Data set folder or CSV manifest holding the held-out split.")
    Path data;

    @Option(
            names = "--split",
            defaultValue = "val",
            description =
                    "The split T is fitted on: train, val or test (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description =
                    "Write a calibrated copy (model.json and weights) to DIR instead of updating MODEL.")
    Path out;

    @picocli.CommandLine.Mixin SplitMixin splitOptions;

    @Option(
            names = "--batch-size",
            defaultValue = "32",
            description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(
            names = "--threads",
            defaultValue = "0",
            description = "CPU threads, 0 = all cores (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--json", description = "Print the result as one JSON object.")
    boolean json;

    /** The options as the library's spec. */
    CalibrateSpec toSpec() {
        return new CalibrateSpec(
                model, data, Split.parse(split), out, splitOptions.toOptions(), batchSize, threads);
    }

    @Override
    public Integer call() throws Exception {
        CalibrationResult r = Calibrator.calibrate(toSpec());
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            o.println(Json.line(r));
            return ExitCodes.OK;
        }
        TemperatureFit.Quality b = r.before();
        TemperatureFit.Quality a = r.after();
        o.printf(
                Locale.ROOT,
                "temperature %s -> %s%s, fitted on %d %s images of %s%n",
                Format.num(r.previousTemperature()),
                Format.num(r.temperature()),
                r.atBound() ? " (at the bound of [0.05, 20]: the optimum lies beyond it)" : "",
                r.n(),
                r.split(),
                r.data());
        o.printf(Locale.ROOT, "  NLL    %s -> %s%n", Format.num(b.nll()), Format.num(a.nll()));
        o.printf(Locale.ROOT, "  ECE    %s -> %s%n", Format.num(b.ece()), Format.num(a.ece()));
        o.printf(Locale.ROOT, "  Brier  %s -> %s%n", Format.num(b.brier()), Format.num(a.brier()));
        o.printf(
                Locale.ROOT,
                "  threshold %s -> %s (the same verdicts on the calibrated p_fake)%n",
                Format.num(r.thresholdBefore()),
                Format.num(r.thresholdAfter()));
        o.printf(
                "%s %s%n",
                r.inPlace() ? "updated" : "wrote", Path.of(r.out()).resolve("model.json"));
        if (r.skipped() > 0) {
            o.printf("%d unreadable images skipped%n", r.skipped());
        }
        return ExitCodes.OK;
    }
}
