package org.deepfakeedge.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.deepfakeedge.InvalidInputException;
import org.deepfakeedge.data.ImageFiles;
import org.deepfakeedge.provenance.Json;
import org.deepfakeedge.runtime.Detection;
import org.deepfakeedge.runtime.Detector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code deepfake-edge predict}: one JSON line per image. */
@Command(
        name = "predict",
        mixinStandardHelpOptions = true,
        description = {
            "Judge images: prints one JSON line per image with path, p_fake, label and threshold.",
            "Folders are searched recursively for images; unreadable files are reported on stderr and skipped."
        })
public final class PredictCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin ModelMixin modelOptions;

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
        int ok = 0;
        int bad = 0;
        int used;
        try (Detector det = modelOptions.load()) {
            used = det.threads();
            for (Path f : files) {
                try {
                    Detection d = det.detect(f);
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("path", f.toString());
                    line.put("p_fake", d.pFake());
                    line.put("label", d.label());
                    line.put("threshold", d.threshold());
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
}
