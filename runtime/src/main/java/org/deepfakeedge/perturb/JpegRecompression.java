package org.deepfakeedge.perturb;

import java.awt.image.BufferedImage;
import org.deepfakeedge.data.JpegCodec;

/**
 * {@code jpeg:Q}: the image is encoded as JPEG at quality {@code Q} and decoded again, with the
 * encoder settings of {@link JpegCodec} (the training augmentation's encoder: the JDK's JPEG
 * writer, explicit quality {@code Q / 100}, baseline, 4:2:0 chroma subsampling).
 *
 * @param quality JPEG quality, an integer in [1, 100]
 */
public record JpegRecompression(int quality) implements Perturbation {

    /** Checks the quality. */
    public JpegRecompression {
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException(
                    "JPEG quality must be in [1, 100], found " + quality);
        }
    }

    @Override
    public String name() {
        return "jpeg:" + quality;
    }

    @Override
    public BufferedImage apply(BufferedImage rgb, long seed) {
        return JpegCodec.roundTrip(rgb, quality);
    }
}
