package org.deepfakeedge.video;

import java.nio.file.Path;

/**
 * What probing a video file found (container and stream headers; nothing decoded yet).
 *
 * @param file the file
 * @param container FFmpeg's name of the container's demuxer, e.g. {@code mov,mp4,m4a,3gp,3g2,mj2},
 *     {@code matroska,webm} or {@code avi}
 * @param codec FFmpeg's name of the video codec, e.g. {@code h264}, {@code hevc}, {@code vp9},
 *     {@code av1}, {@code mpeg4}
 * @param width the decoded frame width in pixels
 * @param height the decoded frame height in pixels
 * @param frameRate frames per second: the stream's average rate, else its base rate
 * @param durationSeconds the video stream's duration (else the container's; for a stream that
 *     states none, its last timestamp plus one frame)
 * @param frameCount the number of frames: the container's count where it stores one (MP4, MOV,
 *     AVI), else {@code round(durationSeconds * frameRate)} (Matroska, WebM), else (a live-streamed
 *     WebM with neither) the video packets counted by reading the file once at open
 * @param frameCountExact whether {@code frameCount} was read from the container or counted rather
 *     than estimated from the duration
 * @param constantFrameRate whether the stream declares one frame rate (its base rate equals its
 *     average rate); frames are then located by their timestamps and may be reached by seeking,
 *     otherwise they are counted while decoding from the start
 * @param hasAudio whether the file also holds an audio stream (never decoded)
 */
public record VideoInfo(
        Path file,
        String container,
        String codec,
        int width,
        int height,
        double frameRate,
        double durationSeconds,
        long frameCount,
        boolean frameCountExact,
        boolean constantFrameRate,
        boolean hasAudio) {}
