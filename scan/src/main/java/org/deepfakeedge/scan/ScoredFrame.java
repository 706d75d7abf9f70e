package org.deepfakeedge.scan;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A frame's score and what it was computed on, for explaining it afterwards: the frame itself and
 * the images the classifier scored (the whole frame, or one crop per face, in the order of the
 * score's faces).
 *
 * @param score the frame's score
 * @param image the decoded frame
 * @param regions the scored images; empty when the frame was not scored
 */
public record ScoredFrame(ScanResult.FrameScore score, BufferedImage image, List<Region> regions) {
    public ScoredFrame {
        regions = List.copyOf(regions);
    }

    /**
     * One image the classifier scored.
     *
     * @param input the image as given to the classifier: the frame, or a face crop at the model's
     *     input size
     * @param area the face crop's square in frame pixels, or null for the whole frame
     */
    public record Region(BufferedImage input, Rectangle area) {
        /** The whole frame. */
        public static Region whole(BufferedImage frame) {
            return new Region(frame, null);
        }

        /** True for the whole frame, false for a face crop. */
        public boolean isWhole() {
            return area == null;
        }
    }
}
