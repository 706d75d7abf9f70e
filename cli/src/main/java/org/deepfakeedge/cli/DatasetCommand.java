package org.deepfakeedge.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.deepfakeedge.data.synth.FakeRegion;
import org.deepfakeedge.data.synth.ProgressListener;
import org.deepfakeedge.data.synth.SynthResult;
import org.deepfakeedge.data.synth.SynthSpec;
import org.deepfakeedge.data.synth.SyntheticDatasets;
import org.deepfakeedge.provenance.Json;
import org.deepfakeedge.video.SyntheticVideos;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code deepfake-edge dataset}: dataset tools. */
@Command(
        name = "dataset",
        mixinStandardHelpOptions = true,
        description = "Dataset tools.",
        subcommands = {
            DatasetCommand.Synth.class,
            DatasetCommand.SynthVideos.class,
            DatasetCommand.Inspect.class,
            DatasetCommand.ExtractFaces.class
        })
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
                "  shapes        an unrelated two-class task (round vs angular objects) for cross-task transfer",
                "With --fake-region X,Y,W,H a fake holds its fingerprint inside that rectangle only (fractions"
                        + " of the image: left, top, width, height) and is the real photograph of the same"
                        + " scene outside it; dataset.json records the region (spec.fake_region, with its"
                        + " pixels), so a heatmap can be checked against it (docs/explain.md)."
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
                names = "--fake-region",
                paramLabel = "X,Y,W,H",
                description =
                        "Plant the fakes' fingerprint inside this rectangle only, in fractions of the"
                                + " image (e.g. 0.5,0,0.5,0.5: the top-right quarter); real images are"
                                + " unchanged. Default: the whole image.")
        String fakeRegion;

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
                            testFraction,
                            fakeRegion == null ? null : FakeRegion.parse(fakeRegion));
            SynthResult r = SyntheticDatasets.write(s, out, ProgressListener.NONE);
            if (json) {
                commandSpec.commandLine().getOut().println(Json.line(r));
            } else {
                commandSpec
                        .commandLine()
                        .getOut()
                        .printf(
                                Locale.ROOT,
                                "wrote %d images to %s in %.1f s: %s%s%n",
                                r.imagesWritten(),
                                r.root(),
                                r.millis() / 1000.0,
                                r.countsBySplitAndClass(),
                                plantedIn(s));
            }
            return ExitCodes.OK;
        }

        /** Where the fakes were planted, in pixels, for the summary line; empty for everywhere. */
        private static String plantedIn(SynthSpec s) {
            if (s.fakeRegion() == null) {
                return "";
            }
            java.awt.Rectangle r = s.fakeRegion().pixels(s.imageSize());
            return String.format(
                    Locale.ROOT,
                    "; fakes planted in x [%d, %d) y [%d, %d) (dataset.json: spec.fake_region)",
                    r.x,
                    r.x + r.width,
                    r.y,
                    r.y + r.height);
        }
    }

    /** {@code dataset synth-videos}: the built-in videos with known real and fake segments. */
    @Command(
            name = "synth-videos",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = {
                "Write deterministic synthetic videos OUT/clip-NNNNN.mp4 and OUT/videos.json (each"
                        + " file's label and its real and fake segments, [start, end) frames).",
                "A camera pans slowly over a scene of the built-in image generator; even-numbered"
                        + " videos are real, odd-numbered ones hold one fake segment whose frames"
                        + " carry the generator family's fingerprint. See docs/video.md."
            })
    public static final class SynthVideos implements Callable<Integer> {
        @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec commandSpec;

        @Option(
                names = "--out",
                required = true,
                description = "Output folder (must not exist or be empty).")
        Path out;

        @Option(
                names = "--count",
                defaultValue = "4",
                description = "Videos (default: ${DEFAULT-VALUE}).")
        int count;

        @Option(
                names = "--frames",
                defaultValue = "48",
                description = "Frames per video (default: ${DEFAULT-VALUE}).")
        int frames;

        @Option(
                names = "--fps",
                defaultValue = "24",
                description = "Frames per second (default: ${DEFAULT-VALUE}).")
        int fps;

        @Option(
                names = "--size",
                defaultValue = "128",
                description = "Frame width and height in pixels, even (default: ${DEFAULT-VALUE}).")
        int size;

        @Option(
                names = "--seed",
                defaultValue = "42",
                description = "Seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(
                names = "--generator",
                defaultValue = "mixed",
                description =
                        "The fake family: checkerboard, smooth, spectral, or mixed (taking turns;"
                                + " default: ${DEFAULT-VALUE}).")
        String generator;

        @Option(
                names = "--codec",
                defaultValue = "h264",
                paramLabel = "h264|mpeg4",
                description = "H.264 (libopenh264) or MPEG-4 part 2 (default: ${DEFAULT-VALUE}).")
        String codec;

        @Option(names = "--json", description = "Print the manifest as JSON.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            long start = System.nanoTime();
            SyntheticVideos.Manifest m =
                    SyntheticVideos.write(
                            new SyntheticVideos.Spec(
                                    size,
                                    count,
                                    frames,
                                    fps,
                                    seed,
                                    generator,
                                    SyntheticVideos.Codec.parse(codec)),
                            out);
            var stdout = commandSpec.commandLine().getOut();
            if (json) {
                stdout.println(Json.line(m));
            } else {
                long fakes = m.videos().stream().filter(v -> v.label().equals("fake")).count();
                stdout.printf(
                        Locale.ROOT,
                        "wrote %d videos (%d real, %d with a fake segment) of %d frames to %s in"
                                + " %.1f s; labels and segments in %s%n",
                        m.videos().size(),
                        m.videos().size() - fakes,
                        fakes,
                        frames,
                        out,
                        (System.nanoTime() - start) / 1e9,
                        out.resolve(SyntheticVideos.MANIFEST));
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

    /** {@code dataset extract-faces}: a video data set to face-crop images, split by video. */
    @Command(
            name = "extract-faces",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = {
                "Turn a video data set (FaceForensics++, Celeb-DF v2, DFDC, or real/ and fake/ folders of videos)",
                "into face crops in OUT/{train,val,test}/{real,fake}/ and OUT/faces.csv (with each crop's video),",
                "split by video and source identity. Unreadable videos are reported and skipped."
            })
    public static final class ExtractFaces implements Callable<Integer> {
        /** A plain progress line at most this often (and after the last video). */
        private static final long PROGRESS_EVERY_NANOS = 10_000_000_000L;

        @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec commandSpec;

        @Option(names = "--data", required = true, description = "The video data set's folder.")
        Path data;

        @Option(
                names = "--out",
                required = true,
                description = "Output folder (new or empty, or an earlier one with --resume).")
        Path out;

        @Option(
                names = "--frames",
                defaultValue = "32",
                description = "Frames sampled evenly per video (default: ${DEFAULT-VALUE}).")
        int frames;

        @Option(
                names = "--faces-per-frame",
                defaultValue = "1",
                description =
                        "Faces kept per frame, most confident first (default: ${DEFAULT-VALUE}).")
        int facesPerFrame;

        @Option(
                names = "--face-margin",
                defaultValue = "1.3",
                description = "Crop side over the face box side (default: ${DEFAULT-VALUE}).")
        double faceMargin;

        @Option(
                names = "--image-size",
                defaultValue = "224",
                description = "Side of the square crops in pixels (default: ${DEFAULT-VALUE}).")
        int imageSize;

        @Option(names = "--resume", description = "Skip videos an earlier run finished.")
        boolean resume;

        @Option(
                names = "--threads",
                defaultValue = "0",
                description = "Face-detector threads, 0 = the detector's default.")
        int threads;

        @picocli.CommandLine.Mixin SplitMixin splitOptions;

        @Override
        public Integer call() throws Exception {
            var options =
                    new org.deepfakeedge.scan.videodata.FaceExtraction.Options(
                            frames,
                            facesPerFrame,
                            faceMargin,
                            imageSize,
                            splitOptions.splitSeed,
                            splitOptions.valFraction,
                            splitOptions.testFraction,
                            resume,
                            threads);
            var dataset = org.deepfakeedge.scan.videodata.VideoLayouts.open(data);
            java.io.PrintWriter err = commandSpec.commandLine().getErr();
            for (String w : dataset.warnings()) {
                err.println("warning: " + w);
            }
            long[] last = {System.nanoTime()};
            var r =
                    org.deepfakeedge.scan.videodata.FaceExtraction.run(
                            dataset,
                            out,
                            options,
                            line -> {
                                err.println("error: " + line);
                                err.flush();
                            },
                            (done, total, rate, eta) -> {
                                long now = System.nanoTime();
                                if (done == total || now - last[0] >= PROGRESS_EVERY_NANOS) {
                                    last[0] = now;
                                    err.printf(
                                            Locale.ROOT,
                                            "videos %d/%d  %.2f videos/s  ETA %s%n",
                                            done,
                                            total,
                                            rate,
                                            Double.isNaN(eta)
                                                    ? "-"
                                                    : String.format(Locale.ROOT, "%.0f s", eta));
                                    err.flush();
                                }
                            });
            commandSpec
                    .commandLine()
                    .getOut()
                    .printf(
                            Locale.ROOT,
                            "%s data set: %d videos, %d extracted, %d resumed, %d without a face,"
                                    + " %d unreadable; %d face crops listed in %s%n",
                            dataset.layout(),
                            r.videos(),
                            r.extracted(),
                            r.resumed(),
                            r.withoutFaces(),
                            r.errors().size(),
                            r.crops(),
                            r.manifest());
            return r.crops() > 0 ? ExitCodes.OK : ExitCodes.FAILED;
        }
    }
}
