package org.deepfakeedge.faces;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.SinglePixelPackedSampleModel;
import java.awt.image.WritableRaster;
import org.deepfakeedge.data.ImageDecoder;
import org.deepfakeedge.data.Resampler;

/** Resizes a rectangle of an image with the project's antialiased resampler. Thread-safe. */
final class Pixels {

    private Pixels() {}

    /**
     * Resizes the rectangle {@code (x0, y0, w, h)}, which must lie inside the image, to {@code outW
     * × outH} interleaved RGB bytes. A {@link BufferedImage#TYPE_INT_RGB} image is read in place;
     * other types are converted as {@link ImageDecoder} does.
     */
    static byte[] resize(BufferedImage image, int x0, int y0, int w, int h, int outW, int outH) {
        BufferedImage rgb = ImageDecoder.toRgb(image);
        WritableRaster raster = rgb.getRaster();
        if (raster.getDataBuffer() instanceof DataBufferInt buffer
                && raster.getSampleModel() instanceof SinglePixelPackedSampleModel model
                && buffer.getNumBanks() == 1) {
            int stride = model.getScanlineStride();
            int base =
                    buffer.getOffset()
                            + (y0 - raster.getSampleModelTranslateY()) * stride
                            + (x0 - raster.getSampleModelTranslateX());
            return Resampler.resize(buffer.getData(), base, stride, w, h, outW, outH);
        }
        int[] pixels = rgb.getRGB(x0, y0, w, h, null, 0, w);
        return Resampler.resize(pixels, 0, w, w, h, outW, outH);
    }
}
