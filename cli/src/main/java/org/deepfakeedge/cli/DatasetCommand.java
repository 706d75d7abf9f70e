package org.deepfakeedge.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.deepfakeedge.data.synth.ProgressListener;
import org.deepfakeedge.data.synth.SynthResult;
import org.deepfakeedge.data.synth.SynthSpec;
import org.deepfakeedge.data.synth.SyntheticDatasets;
import org.deepfakeedge.provenance.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code deepfake-edge dataset}: dataset tools. */
@Command(
        name = "dataset",
        mixinStandardHelpOptions = true,
        description = "Dataset tools.",
        subcommands = {DatasetCommand.Synth.class, DatasetCommand.Inspect.class})
public final class DatasetCommand implements Runnable {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    /** {@code dataset synth}: the built-in deterministic real/fake data. */
    @Command(
            name = "synth",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = {
                "Write a deterministic synthetic dataset in the standard layout OUT/{train,val,test}/{real,fake}.",
                "Real images have natural-image statistics; fakes carry generator fingerprints. Generators:",
                "  checkerboard  transposed-convolution upsampling (GAN-like)",
                "  smooth        over-smooth autoencoder/diffusion-like reconstructions",
                "  spectral      periodic spectral peaks (GAN-like)",
                "  mixed         all three, in fake/<family>/ sub-folders (default)",
                "  shapes        an unrelated two-class task (round vs angular objects) for cross-task transfer"
            })
    public static final class Synth implements Callable<Integer> {
        @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec commandSpec;

        @Option(
                names = "--out",
                required = true,
                description = "Output folder (must not exist or be empty).")
        Path out;

        @Option(
                names = "--image-size",
                defaultValue = "64",
                description = "Image size in pixels (default: ${DEFAULT-VALUE}).")
        int imageSize;

        @Option(
                names = "--count",
                defaultValue = "600",
                description = "Images per class over all splits (default: ${DEFAULT-VALUE}).")
        int count;

        @Option(
                names = "--seed",
                defaultValue = "42",
                description = "Seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(
                names = "--generator",
                defaultValue = "mixed",
                description =
                        "checkerboard, smooth, spectral, mixed or shapes (default: ${DEFAULT-VALUE}).")
        String generator;

        @Option(
                names = "--val-fraction",
                defaultValue = "0.15",
                description = "Validation share (default: ${DEFAULT-VALUE}).")
        double valFraction;

        @Option(
                names = "--test-fraction",
                defaultValue = "0.15",
                description = "Test share (default: ${DEFAULT-VALUE}).")
        double testFraction;

        @Option(names = "--json", description = "Print the result as JSON.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            SynthSpec s =
                    new SynthSpec(
                            imageSize,
                            count,
                            seed,
                            generator.toLowerCase(Locale.ROOT),
                            valFraction,
                            testFraction);
            SynthResult r = SyntheticDatasets.write(s, out, ProgressListener.NONE);
            if (json) {
                commandSpec.commandLine().getOut().println(Json.line(r));
            } else {
                commandSpec
                        .commandLine()
                        .getOut()
                        .printf(
                                Locale.ROOT,
                                "wrote %d images to %s in %.1f s: %s%n",
                                r.imagesWritten(),
                                r.root(),
                                r.millis() / 1000.0,
                                r.countsBySplitAndClass());
            }
            return ExitCodes.OK;
        }
    }

    /** {@code dataset inspect}: what the loader sees in a folder. */
    @Command(
            name = "inspect",
            mixinStandardHelpOptions = true,
            description =
                    "Show the detected layout, class names, counts per split and class, generators and warnings.")
    public static final class Inspect implements Callable<Integer> {
        @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec commandSpec;

        @picocli.CommandLine.Parameters(
                paramLabel = "DATA",
                description = "Dataset folder or CSV manifest.")
        Path data;

        @picocli.CommandLine.Mixin SplitMixin splitOptions;

        @Override
        public Integer call() {
            var index = org.deepfakeedge.data.DatasetLoader.open(data, splitOptions.toOptions());
            var o = Json.MAPPER.createObjectNode();
            o.put("root", index.root().toString());
            o.put("layout", index.layout());
            o.set("class_names", Json.MAPPER.valueToTree(index.classNames()));
            o.set("counts", Json.MAPPER.valueToTree(index.counts()));
            o.set(
                    "generators",
                    Json.MAPPER.valueToTree(
                            index.samples().stream()
                                    .map(x -> x.generator())
                                    .filter(g -> !g.isEmpty())
                                    .distinct()
                                    .sorted()
                                    .toList()));
            o.set("warnings", Json.MAPPER.valueToTree(index.warnings()));
            commandSpec.commandLine().getOut().println(Json.pretty(o));
            return ExitCodes.OK;
        }
    }
}
