package org.deepfakeedge.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.deepfakeedge.InvalidInputException;
import org.deepfakeedge.runtime.Detector;
import org.deepfakeedge.runtime.RuntimeChoice;
import org.deepfakeedge.scan.Aggregation;
import org.deepfakeedge.scan.ExplanationWriter;
import org.deepfakeedge.scan.ScanInputs;
import org.deepfakeedge.scan.ScanJob;
import org.deepfakeedge.scan.ScanOptions;
import org.deepfakeedge.scan.ScanOutput;
import org.deepfakeedge.scan.ScanWorkers;
import org.deepfakeedge.video.FrameSampling;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code deepfake-edge scan}: images, videos, folders and CSV lists, one result line per file. */
@Command(
        name = "scan",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Scan images, videos, folders (recursively, in name order) and CSV lists (a 'path'"
                    + " column): one result per file (JSON Lines, or CSV for an --out ending in"
                    + " .csv) with path, kind, size, mtime, model_id, p_fake, label, threshold,"
                    + " frames, frames_read, faces, no_face and error. See docs/scan.md.",
            "A frame with several faces takes its most-fake face; a video aggregates its frames"
                    + " (--aggregate). A bad or unreadable file is one error line on stderr and one"
                    + " result with an error; the scan goes on. Exit code 0 unless nothing could be"
                    + " scored.",
            "With --explain DIR each scored file also gets heatmap overlay PNGs in DIR (where the"
                    + " model found evidence for fake; a video's of its most-fake frame) and its"
                    + " result an explanation field with their paths. See docs/explain.md."
        })
public final class ScanCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin ModelMixin modelOptions;

    @picocli.CommandLine.Mixin FaceDetectorMixin faceDetectorOptions;

    @picocli.CommandLine.Mixin UnsureMixin unsureOptions;

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(
            arity = "1..*",
            paramLabel = "PATH",
            description =
                    "Image or video files, folders, or .csv lists with a 'path' column (relative"
                            + " to the list's folder).")
    List<Path> paths;

    @Option(
            names = "--faces",
            defaultValue = "auto",
            paramLabel = "auto|on|off",
            description =
                    "auto: score the faces found (BlazeFace), frames without one as --no-face"
                            + " says; on: score faces only, frames without a face are not scored;"
                            + " off: score whole frames (default: ${DEFAULT-VALUE}).")
    String faces;

    @Option(
            names = "--no-face",
            defaultValue = "whole",
            paramLabel = "whole|skip",
            description =
                    "With --faces auto, a frame without a face is scored whole, or skipped (a file"
                            + " with no scored frame then has no p_fake); no_face says so either"
                            + " way (default: ${DEFAULT-VALUE}).")
    String noFace;

    @Option(
            names = "--frames",
            defaultValue = "32",
            description =
                    "Frames per video, spread evenly from the first to the last; with --fps the"
                            + " cap (default: ${DEFAULT-VALUE}).")
    int frames;

    @Option(
            names = "--fps",
            description =
                    "Sample F frames per second of video instead (at most --frames, spread over"
                            + " the whole video when that caps it).")
    Double fps;

    @Option(
            names = "--aggregate",
            defaultValue = "mean",
            paramLabel = "mean|max|topk:K",
            description =
                    "A video's score from its frame scores: their mean, the highest, or the mean"
                            + " of the K highest (default: ${DEFAULT-VALUE}).")
    String aggregate;

    @Option(
            names = "--details",
            description =
                    "Add per-frame scores and per-face boxes, detector scores and p_fake to each"
                            + " result (field 'detail').")
    boolean details;

    @Option(
            names = "--face-margin",
            defaultValue = "1.3",
            description =
                    "Face crop side over the face box's longer side (default: ${DEFAULT-VALUE}).")
    double faceMargin;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description =
                    "Results file: .csv for CSV, JSON Lines otherwise; replaced unless --resume."
                            + " Default: JSON Lines on stdout.")
    Path out;

    @Option(
            names = "--explain",
            paramLabel = "DIR",
            description =
                    "Write heatmap overlay PNGs into DIR (created if missing): the image with the"
                            + " model's evidence for fake drawn over it (occlusion on ONNX Runtime,"
                            + " 50 forward passes per image; Grad-CAM on DJL); one per face crop,"
                            + " over the face's square, when faces were scored. A video gets the"
                            + " overlays of its most-fake sampled frame. Named"
                            + " NAME-HASH[-frameN][-faceK].png (HASH: of the file's absolute path);"
                            + " each result gains explanation, the PNGs' paths ([] when nothing was"
                            + " scored; errors have none). With --resume, files already done keep"
                            + " what they had.")
    Path explain;

    @Option(
            names = "--resume",
            description =
                    "Continue a killed scan into the same --out: files whose path, size, mtime and"
                            + " model id are already in it are not scanned again (a partial last"
                            + " line is cut off).")
    boolean resume;

    @Option(
            names = "--workers",
            defaultValue = "0",
            description =
                    "Files scanned at once, each with its own face detector and video reader;"
                            + " every stage of a worker runs on max(1, T/W) of the --threads T;"
                            + " results are written in input order whatever W is. 0 = one worker"
                            + " per thread (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(
            names = "--decode-only",
            description =
                    "Decode every file as the scan would (the same image decoder, the same sampled"
                            + " video frames) without finding faces or scoring: results without"
                            + " p_fake, frames_read the frames decoded; measures decoding alone.")
    boolean decodeOnly;

    @Override
    public Integer call() {
        if (resume && out == null) {
            throw new InvalidInputException("--resume needs --out FILE (the scan to continue)");
        }
        if (frames < 1) {
            throw new InvalidInputException("--frames must be >= 1, found " + frames);
        }
        FrameSampling sampling =
                fps == null ? FrameSampling.evenly(frames) : FrameSampling.perSecond(fps, frames);
        ScanOptions options =
                ScanOptions.defaults()
                        .withFaces(ScanOptions.FaceMode.parse(faces))
                        .withNoFace(ScanOptions.NoFace.parse(noFace))
                        .withSampling(sampling)
                        .withAggregation(Aggregation.parse(aggregate))
                        .withDetails(details)
                        .withFaceMargin(faceMargin)
                        .withThreads(modelOptions.threads)
                        .withUnsure(unsureOptions.band());
        options = faceDetectorOptions.applyTo(options);
        if (explain != null) {
            if (decodeOnly) {
                throw new InvalidInputException(
                        "--explain needs scores; --decode-only scores nothing: drop one of them");
            }
            options = options.withExplain(ExplanationWriter.prepare(explain));
        }
        ScanWorkers plan = ScanWorkers.plan(modelOptions.threads, workers);
        PrintWriter err = spec.commandLine().getErr();
        long total = ScanInputs.count(paths);
        ScanJob.Summary s;
        ScanProgress progress = new ScanProgress(err);
        // the classifier is shared: each worker's calls run on its own share of the threads
        try (Detector det =
                        Detector.load(
                                modelOptions.model,
                                RuntimeChoice.parse(modelOptions.runtime),
                                plan.threadsPerWorker());
                ScanOutput output =
                        out == null
                                ? ScanOutput.toWriter(spec.commandLine().getOut())
                                : ScanOutput.open(out, resume)) {
            if (options.unsure() != null) {
                options.unsure().checkContains(det.manifest().threshold()); // before any file
            }
            if (explain != null && !output.recordsExplanations()) {
                throw new InvalidInputException(
                        out
                                + " was written by an earlier version, without the explanation"
                                + " column; fix: finish it without --explain, or scan with"
                                + " --explain into a new --out");
            }
            if (output.truncatedBytes() > 0) {
                err.printf(
                        "resuming: cut off the partial last line of %s (%d bytes)%n",
                        out, output.truncatedBytes());
            }
            s =
                    decodeOnly
                            ? ScanJob.decode(paths, det, options, plan, output, total, progress)
                            : ScanJob.run(paths, det, options, plan, output, total, progress);
        } finally {
            progress.finish();
        }
        err.printf(
                Locale.ROOT,
                "scanned %d files (%d images, %d videos, %d errors, %d without a face)%s in %.1f s,"
                        + " %.2f files/s, %d frames read (%.1f frames/s)%s, workers x threads: %d x"
                        + " %d%s%n",
                s.files(),
                s.images(),
                s.videos(),
                s.errors(),
                s.noFace(),
                s.skipped() > 0 ? ", " + s.skipped() + " already done" : "",
                s.seconds(),
                s.filesPerSecond(),
                s.framesRead(),
                s.framesPerSecond(),
                decodeOnly ? ", decoded only" : "",
                plan.workers(),
                plan.threadsPerWorker(),
                (out == null ? "" : " -> " + out)
                        + (explain == null ? "" : ", overlays in " + explain));
        err.flush();
        if (s.scored() == 0 && s.skipped() == 0) {
            throw new InvalidInputException(
                    s.files() == 0
                            ? "no image or video file found in " + paths
                            : "no file could be scanned (" + s.errors() + " errors, see above)");
        }
        return ExitCodes.OK;
    }
}
