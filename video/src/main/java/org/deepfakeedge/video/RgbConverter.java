package org.deepfakeedge.video;

import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_UNSPECIFIED;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_0RGB32;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ422P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ444P;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_get_pix_fmt_name;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_DEFAULT;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCoefficients;
import static org.bytedeco.ffmpeg.global.swscale.sws_setColorspaceDetails;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Converts decoded frames (any pixel format swscale reads) into new {@link
 * BufferedImage#TYPE_INT_RGB} images.
 *
 * <p>swscale writes native-endian 0RGB ints into one reused native buffer, which is then copied
 * into the image's own {@code int[]}: the image never aliases native memory, so it stays valid
 * after the decoder reuses its buffers or the reader is closed. YUV is read with the stream's
 * matrix (BT.601 when the stream does not say) and range (limited unless tagged full or a {@code
 * yuvj} format). Not thread-safe; one per reader.
 */
final class RgbConverter implements AutoCloseable {
    private static final int ALIGN = 64; // swscale's SIMD paths want aligned rows

    private SwsContext sws;
    private BytePointer buffer;
    private long capacity;
    private final PointerPointer<BytePointer> dst = new PointerPointer<>(4);
    private final IntPointer dstStride = new IntPointer(4);
    private int lastColorspace = Integer.MIN_VALUE;
    private int lastRange = Integer.MIN_VALUE;

    /**
     * Returns a new RGB copy of {@code frame}.
     *
     * @throws IllegalArgumentException if swscale cannot read the frame's pixel format
     */
    BufferedImage convert(AVFrame frame) {
        int w = frame.width();
        int h = frame.height();
        int format = frame.format();
        SwsContext next =
                sws_getCachedContext(
                        sws,
                        w,
                        h,
                        format,
                        w,
                        h,
                        AV_PIX_FMT_0RGB32,
                        SWS_BILINEAR,
                        null,
                        null,
                        (DoublePointer) null);
        if (next == null) {
            BytePointer name = av_get_pix_fmt_name(format);
            throw new IllegalArgumentException(
                    "cannot convert pixel format "
                            + (name == null ? String.valueOf(format) : name.getString())
                            + " to RGB");
        }
        if (next != sws) {
            lastColorspace = Integer.MIN_VALUE;
        }
        sws = next;
        int colorspace =
                frame.colorspace() == AVCOL_SPC_UNSPECIFIED ? SWS_CS_DEFAULT : frame.colorspace();
        boolean jpegFormat =
                format == AV_PIX_FMT_YUVJ420P
                        || format == AV_PIX_FMT_YUVJ422P
                        || format == AV_PIX_FMT_YUVJ444P;
        int range = frame.color_range() == AVCOL_RANGE_JPEG || jpegFormat ? 1 : 0;
        if (colorspace != lastColorspace || range != lastRange) {
            // brightness 0, contrast and saturation 1.0 (16.16 fixed point); RGB is full range
            sws_setColorspaceDetails(
                    sws,
                    sws_getCoefficients(colorspace),
                    range,
                    sws_getCoefficients(SWS_CS_DEFAULT),
                    1,
                    0,
                    1 << 16,
                    1 << 16);
            lastColorspace = colorspace;
            lastRange = range;
        }
        int strideInts = ((w * 4 + ALIGN - 1) / ALIGN) * ALIGN / 4;
        long bytes = (long) strideInts * 4 * h;
        if (buffer == null || capacity < bytes) {
            freeBuffer();
            buffer = new BytePointer(av_malloc(bytes)).capacity(bytes);
            capacity = bytes;
        }
        dst.put(0, buffer);
        dstStride.put(0, strideInts * 4);
        scale(frame, h);
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        IntBuffer src =
                buffer.position(0)
                        .limit(bytes)
                        .asByteBuffer()
                        .order(ByteOrder.nativeOrder())
                        .asIntBuffer();
        for (int y = 0; y < h; y++) {
            src.position(y * strideInts);
            src.get(pixels, y * w, w);
        }
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] &= 0xFFFFFF; // the 0 byte of 0RGB is unspecified
        }
        return image;
    }

    private void scale(AVFrame frame, int h) {
        org.bytedeco.ffmpeg.global.swscale.sws_scale(
                sws, frame.data(), frame.linesize(), 0, h, dst, dstStride);
    }

    private void freeBuffer() {
        if (buffer != null) {
            av_free(buffer);
            buffer = null;
            capacity = 0;
        }
    }

    @Override
    public void close() {
        if (sws != null) {
            sws_freeContext(sws);
            sws = null;
        }
        freeBuffer();
        dst.close();
        dstStride.close();
    }
}
