package org.deepfakeedge.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.deepfakeedge.InvalidInputException;
import org.deepfakeedge.data.BadImageException;
import org.deepfakeedge.data.ImageDecoder;
import org.deepfakeedge.data.ImageFiles;
import org.deepfakeedge.eval.UnsureBand;
import org.deepfakeedge.provenance.Json;
import org.deepfakeedge.runtime.Detection;
import org.deepfakeedge.runtime.Detector;
import org.deepfakeedge.scan.ExplanationWriter;
import org.deepfakeedge.scan.FrameScorer;
import org.deepfakeedge.scan.ScanInput;
import org.deepfakeedge.scan.ScanInputs;
import org.deepfakeedge.scan.ScanOptions;
import org.deepfakeedge.scan.ScanResult;
import org.deepfakeedge.scan.ScoredFrame;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code deepfake-edge predict}: one JSON line per image. Videos are refused with a line pointing
 * to {@code scan}: frame sampling, aggregation and resumable output are scan's, and a second set of
 * those options here would only repeat them.
 */
@Command(
        name = "predict",
        mixinStandardHelpOptions = true,
        description = {
            "Judge images: prints one JSON line per image with path, p_fake, label and threshold.",
            "Folders are searched recursively for images; unreadable files are reported on stderr and skipped.",
            "With --faces auto|on each face is scored and the image takes its most-fake face (as scan"
                    + " does); the line gains faces, face_boxes and no_face. Videos: use scan.",
            "With --unsure LOW,HIGH an image with LOW <= p_fake < HIGH is labelled unsure.",
            "With --explain DIR a heatmap of where the model found evidence for fake is drawn over"
                    + " each image (with faces: over each face) into DIR as a PNG, and the line"
                    + " gains explanation, the PNGs' paths. See docs/explain.md."
        })
public final class PredictCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin ModelMixin modelOptions;

    @Option(
            names = "--faces",
            defaultValue = "off",
            paramLabel = "auto|on|off",
            description =
                    "off: score the whole image, the output is as without faces; auto: score each"
                            + " face found (BlazeFace) and take the most-fake one, an image without"
                            + " a face is scored whole; on: faces only, an image without a face"
                            + " gets p_fake null (default: ${DEFAULT-VALUE}).")
    String faces;

    @picocli.CommandLine.Mixin FaceDetectorMixin faceDetectorOptions;

    @picocli.CommandLine.Mixin UnsureMixin unsureOptions;

    @Option(
            names = "--explain",
            paramLabel = "DIR",
            description =
                    "Write a heatmap overlay PNG per image into DIR (created if missing): the image"
                            + " with the model's evidence for fake drawn over it, bright where it is"
                            + " strong (occlusion on ONNX Runtime: 50 forward passes per image;"
                            + " Grad-CAM on DJL). With --faces, one PNG per face, over the face's"
                            + " square. Named NAME-HASH[-faceK].png (HASH: of the image's absolute"
                            + " path, so names never collide and a second run replaces them); the"
                            + " line gains explanation: the PNGs' paths, in face_boxes order.")
    Path explain;

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Image files or folders.")
    List<Path> paths;

    @Override
    public Integer call() throws Exception {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                files.addAll(
                        ImageFiles.imagesUnder(
                                p, w -> spec.commandLine().getErr().println("warning: " + w)));
            } else if (Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                // a dangling link named on the command line is skipped with its reason, like a bad
                // image
                files.add(p);
            } else {
                throw new InvalidInputException("no such file or folder: " + p);
            }
        }
        ScanOptions.FaceMode faceMode = ScanOptions.FaceMode.parse(faces);
        UnsureBand band = unsureOptions.band();
        ScanOptions options =
                faceDetectorOptions.applyTo(
                        ScanOptions.defaults()
                                .withFaces(faceMode)
                                .withThreads(modelOptions.threads));
        int ok = 0;
        int bad = 0;
        int used;
        try (Detector det = modelOptions.load();
                FrameScorer frames =
                        faceMode == ScanOptions.FaceMode.OFF
                                ? null
                                : new FrameScorer(det, options)) {
            used = det.threads();
            if (band != null) {
                band.checkContains(det.manifest().threshold());
            }
            ExplanationWriter overlays =
                    explain == null ? null : new ExplanationWriter(det, explain);
            for (Path f : files) {
                try {
                    if (ScanInputs.kindByName(f) == ScanInput.Kind.VIDEO) {
                        throw new InvalidInputException(
                                f
                                        + ": a video; predict judges images, 'deepfake-edge scan'"
                                        + " scores videos (sampled frames, --aggregate)");
                    }
                    Object line =
                            frames == null
                                    ? wholeImage(det, f, band, overlays)
                                    : withFaces(det, frames, f, band, overlays);
                    spec.commandLine().getOut().println(Json.line(line));
                    ok++;
                } catch (InvalidInputException e) {
                    spec.commandLine().getErr().println("skipped: " + e.getMessage());
                    bad++;
                }
            }
        }
        spec.commandLine()
                .getErr()
                .printf("%d images judged, %d skipped (%d threads)%n", ok, bad, used);
        spec.commandLine().getErr().flush();
        if (ok == 0) {
            throw new InvalidInputException("no readable image among " + paths);
        }
        return ExitCodes.OK;
    }

    /**
     * The line predict always wrote: path, p_fake, label (unsure in the band), threshold; with
     * overlays, their paths.
     */
    private static Map<String, Object> wholeImage(
            Detector det, Path f, UnsureBand band, ExplanationWriter overlays) {
        BufferedImage image = read(f);
        Detection d = det.detect(image).within(band);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("path", f.toString());
        line.put("p_fake", d.pFake());
        line.put("label", d.label());
        line.put("threshold", d.threshold());
        if (overlays != null) {
            line.put("explanation", overlays.writeWhole(f.toString(), image));
        }
        return line;
    }

    private static BufferedImage read(Path f) {
        try {
            return ImageDecoder.read(f);
        } catch (BadImageException e) {
            throw new InvalidInputException("cannot read image " + f + ": " + e.getMessage(), e);
        }
    }

    /**
     * The image scored by its faces: p_fake of the most-fake face, the faces and their boxes. An
     * ObjectNode, so that an unscored image's null p_fake and label are written, not left out.
     */
    private static ObjectNode withFaces(
            Detector det, FrameScorer frames, Path f, UnsureBand band, ExplanationWriter overlays) {
        ScoredFrame scored = frames.scoreWithRegions(read(f), 0, 0.0);
        ScanResult.FrameScore s = scored.score();
        double t = det.manifest().threshold();
        ObjectNode line = Json.MAPPER.createObjectNode();
        line.put("path", f.toString());
        if (s.pFake() == null) {
            line.putNull("p_fake");
            line.putNull("label");
        } else {
            line.put("p_fake", s.pFake());
            List<String> names = det.manifest().classNames();
            line.put(
                    "label",
                    band == null
                            ? names.get(s.pFake() >= t ? 1 : 0)
                            : band.label(s.pFake(), t, names.get(0), names.get(1)));
        }
        line.put("threshold", t);
        line.put("faces", s.faces().size());
        line.set("face_boxes", Json.MAPPER.valueToTree(s.faces()));
        line.put("no_face", s.faces().isEmpty());
        if (overlays != null) {
            line.set(
                    "explanation",
                    Json.MAPPER.valueToTree(overlays.write(f.toString(), -1, scored)));
        }
        return line;
    }
}
