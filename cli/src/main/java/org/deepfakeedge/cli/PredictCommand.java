package org.deepfakeedge.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
import org.deepfakeedge.scan.FrameScorer;
import org.deepfakeedge.scan.ScanInput;
import org.deepfakeedge.scan.ScanInputs;
import org.deepfakeedge.scan.ScanOptions;
import org.deepfakeedge.scan.ScanResult;
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
            "With --unsure LOW,HIGH an image with LOW <= p_fake < HIGH is labelled unsure."
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
                                    ? wholeImage(det, f, band)
                                    : withFaces(det, frames, f, band);
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

    /** The line predict always wrote: path, p_fake, label (unsure in the band), threshold. */
    private static Map<String, Object> wholeImage(Detector det, Path f, UnsureBand band) {
        Detection d = det.detect(f).within(band);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("path", f.toString());
        line.put("p_fake", d.pFake());
        line.put("label", d.label());
        line.put("threshold", d.threshold());
        return line;
    }

    /**
     * The image scored by its faces: p_fake of the most-fake face, the faces and their boxes. An
     * ObjectNode, so that an unscored image's null p_fake and label are written, not left out.
     */
    private static ObjectNode withFaces(Detector det, FrameScorer frames, Path f, UnsureBand band) {
        ScanResult.FrameScore s;
        try {
            s = frames.score(ImageDecoder.read(f), 0, 0.0);
        } catch (BadImageException e) {
            throw new InvalidInputException("cannot read image " + f + ": " + e.getMessage(), e);
        }
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
        return line;
    }
}
