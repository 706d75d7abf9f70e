package org.deepfakeedge.faces;

import java.util.List;
import java.util.Objects;

/**
 * One detected face, in the pixel coordinates of the image given to {@link FaceDetector#detect}.
 *
 * @param box the face's box (BlazeFace's: brows to chin, roughly ear to ear); it may reach past the
 *     image's border
 * @param score the detector's confidence in [0, 1] (after weighted NMS: the highest score of the
 *     merged raw detections)
 * @param keypoints the six {@link Landmark}s in their order
 */
public record Face(Box box, double score, List<Keypoint> keypoints) {

    /** Checks and copies the keypoints. */
    public Face {
        Objects.requireNonNull(box, "box");
        keypoints = List.copyOf(keypoints);
        if (keypoints.size() != Landmark.values().length) {
            throw new IllegalArgumentException(
                    "a face has " + Landmark.values().length + " keypoints, found " + keypoints);
        }
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be in [0, 1], found " + score);
        }
    }

    /**
     * Returns one keypoint.
     *
     * @param landmark which one
     * @return its position
     */
    public Keypoint keypoint(Landmark landmark) {
        return keypoints.get(landmark.ordinal());
    }
}
