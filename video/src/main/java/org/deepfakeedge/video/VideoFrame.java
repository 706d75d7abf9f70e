package org.deepfakeedge.video;

import java.awt.image.BufferedImage;

/**
 * One decoded video frame.
 *
 * @param index the frame's position in presentation order, from 0
 * @param timestampSeconds when the frame is shown, in seconds from the start of the video stream
 * @param image the frame as 8-bit RGB ({@link BufferedImage#TYPE_INT_RGB}, what {@link
 *     org.deepfakeedge.runtime.Detector#detect(BufferedImage)} and {@link
 *     org.deepfakeedge.data.ImageDecoder} use); a copy the caller owns, never shared with the
 *     decoder
 */
public record VideoFrame(int index, double timestampSeconds, BufferedImage image) {}
