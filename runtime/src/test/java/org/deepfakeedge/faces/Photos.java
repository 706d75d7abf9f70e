package org.deepfakeedge.faces;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deepfakeedge.data.ImageDecoder;

/** The committed face photos (see {@code photos/README.md}) and their hand labels. */
final class Photos {

    static final String DIR = "/org/deepfakeedge/faces/photos/";

    /** Photos with faces, in the order of labels.csv. */
    static final List<String> WITH_FACES =
            List.of(
                    "astronaut.jpg",
                    "grace_hopper.jpg",
                    "camera.png",
                    "call_grid.jpg",
                    "small_faces.jpg");

    /** Photos without a face. */
    static final List<String> WITHOUT_FACES = List.of("coffee.jpg", "rocket.jpg");

    private Photos() {}

    static byte[] bytes(String name) {
        try (InputStream in = Photos.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("no test photo " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static BufferedImage image(String name) {
        try {
            return ImageDecoder.read(bytes(name), name);
        } catch (org.deepfakeedge.data.BadImageException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A hand-labelled face: its box and whether it is seen frontally or in profile. */
    record Label(Box box, boolean profile) {}

    /** File → hand-labelled faces, in the order of labels.csv. */
    static Map<String, List<Label>> labels() {
        String csv = new String(bytes("labels.csv"), StandardCharsets.UTF_8);
        Map<String, List<Label>> out = new LinkedHashMap<>();
        for (String line : csv.split("\n")) {
            if (line.isBlank() || line.startsWith("file,")) {
                continue;
            }
            String[] f = line.split(",");
            out.computeIfAbsent(f[0], k -> new ArrayList<>())
                    .add(
                            new Label(
                                    new Box(
                                            Double.parseDouble(f[1]),
                                            Double.parseDouble(f[2]),
                                            Double.parseDouble(f[3]),
                                            Double.parseDouble(f[4])),
                                    switch (f[5]) {
                                        case "frontal" -> false;
                                        case "profile" -> true;
                                        default ->
                                                throw new IllegalStateException(
                                                        "pose must be frontal or profile: " + line);
                                    }));
        }
        return out;
    }

    /**
     * Matches detections to labels one to one, best IoU first.
     *
     * @return for each label (in order) the IoU of its detection, or 0 if none was left for it
     */
    static double[] matchIous(List<Label> labels, List<Face> faces) {
        double[] iou = new double[labels.size()];
        boolean[] labelUsed = new boolean[labels.size()];
        boolean[] faceUsed = new boolean[faces.size()];
        while (true) {
            double best = 0;
            int bl = -1;
            int bf = -1;
            for (int l = 0; l < labels.size(); l++) {
                for (int f = 0; f < faces.size(); f++) {
                    if (!labelUsed[l] && !faceUsed[f]) {
                        double v = labels.get(l).box().iou(faces.get(f).box());
                        if (v > best) {
                            best = v;
                            bl = l;
                            bf = f;
                        }
                    }
                }
            }
            if (bl < 0) {
                return iou;
            }
            iou[bl] = best;
            labelUsed[bl] = true;
            faceUsed[bf] = true;
        }
    }
}
