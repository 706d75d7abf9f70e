package org.deepfakeedge.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every container and codec the bundled FFmpeg can write is read back frame-exactly: probing
 * reports what was written, and each sampled frame carries the number the reader gives it.
 */
class VideoCodecsTest {

    @TempDir Path dir;

    static Stream<Arguments> written() {
        return Stream.of(
                Arguments.of("mp4", "libopenh264", "h264"),
                Arguments.of("mp4", "mpeg4", "mpeg4"),
                Arguments.of("mp4", "libvpx-vp9", "vp9"),
                Arguments.of("mp4", "libaom-av1", "av1"),
                Arguments.of("mp4", "libsvtav1", "av1"),
                Arguments.of("mov", "libopenh264", "h264"),
                Arguments.of("matroska", "libopenh264", "h264"),
                Arguments.of("matroska", "libvpx", "vp8"),
                Arguments.of("matroska", "libvpx-vp9", "vp9"),
                Arguments.of("matroska", "libsvtav1", "av1"),
                Arguments.of("matroska", "ffv1", "ffv1"),
                Arguments.of("matroska", "mpeg4", "mpeg4"),
                Arguments.of("webm", "libvpx", "vp8"),
                Arguments.of("webm", "libvpx-vp9", "vp9"),
                Arguments.of("webm", "libaom-av1", "av1"),
                Arguments.of("webm", "libsvtav1", "av1"),
                Arguments.of("avi", "mpeg4", "mpeg4"),
                Arguments.of("avi", "mjpeg", "mjpeg"),
                Arguments.of("avi", "libopenh264", "h264"),
                Arguments.of("mpegts", "libopenh264", "h264"),
                Arguments.of("mpegts", "mpeg4", "mpeg4"),
                Arguments.of("flv", "libopenh264", "h264"),
                Arguments.of("ogg", "libvpx", "vp8"));
    }

    @ParameterizedTest(name = "{1} in {0}")
    @MethodSource("written")
    void probesAndDecodesFrameExactly(String format, String encoder, String codec) {
        VideoFixtures.Spec spec = VideoFixtures.Spec.of(format, encoder).withFrames(40);
        Path file = VideoFixtures.write(dir.resolve("v." + spec.extension()), spec);

        try (VideoReader video = VideoReader.open(file)) {
            VideoInfo info = video.info();
            assertThat(info.codec()).isEqualTo(codec);
            assertThat(info.container()).contains(format.equals("mov") ? "mp4" : format);
            assertThat(info.width()).isEqualTo(spec.width());
            assertThat(info.height()).isEqualTo(spec.height());
            assertThat(info.frameRate())
                    .isCloseTo(spec.fps(), org.assertj.core.data.Offset.offset(0.01));
            if (info.frameCountExact()) {
                assertThat(info.frameCount()).isEqualTo(spec.frames());
            } else {
                // estimated from the duration, which some muxers end at the last frame's start
                assertThat(info.frameCount()).isBetween(spec.frames() - 1L, (long) spec.frames());
            }
            assertThat(info.durationSeconds())
                    .isCloseTo(
                            spec.frames() / (double) spec.fps(),
                            org.assertj.core.data.Offset.offset(0.05));
            assertThat(info.hasAudio()).isFalse();

            FrameSampling sampling = FrameSampling.evenly(7);
            List<VideoFrame> frames = video.readAll(sampling);
            int[] expected = sampling.indices(info.frameCount(), spec.fps());
            assertThat(frames).extracting(VideoFrame::index).containsExactly(boxed(expected));
            for (VideoFrame f : frames) {
                assertThat(VideoFixtures.frameNumber(f.image()))
                        .as("frame number drawn into frame %d", f.index())
                        .isEqualTo(f.index());
                assertThat(f.timestampSeconds())
                        .isCloseTo(
                                f.index() / (double) spec.fps(),
                                org.assertj.core.data.Offset.offset(1e-3));
                assertThat(f.image().getWidth()).isEqualTo(spec.width());
                assertThat(f.image().getHeight()).isEqualTo(spec.height());
            }
        }
    }

    @ParameterizedTest(name = "{0} under {1}")
    @org.junit.jupiter.params.provider.CsvSource({
        "hevc-x265.mp4,AUTO", "hevc-x265.mp4,SEQUENTIAL", "hevc-x265.mp4,SEEK",
        "hevc-x265.mkv,AUTO", "hevc-x265.mkv,SEQUENTIAL", "hevc-x265.mkv,SEEK"
    })
    void decodesHevcWithBFramesFrameExactly(String name, VideoOptions.Strategy strategy)
            throws java.io.IOException {
        // HEVC cannot be written here (see src/test/resources/org/deepfakeedge/video/README.md)
        Path file = dir.resolve(name);
        try (var in = VideoCodecsTest.class.getResourceAsStream(name)) {
            java.nio.file.Files.copy(in, file);
        }
        try (VideoReader video =
                VideoReader.open(file, VideoOptions.defaults().withStrategy(strategy))) {
            assertThat(video.info().codec()).isEqualTo("hevc");
            assertThat(video.info().width()).isEqualTo(160);
            assertThat(video.info().frameRate()).isEqualTo(25.0);
            assertThat(video.info().frameCount()).isEqualTo(48);
            List<VideoFrame> frames = video.readAll(FrameSampling.evenly(9));
            assertThat(frames)
                    .extracting(VideoFrame::index)
                    .containsExactly(boxed(FrameSampling.evenly(9).indices(48, 25)));
            for (VideoFrame f : frames) {
                assertThat(VideoFixtures.frameNumber(f.image())).isEqualTo(f.index());
            }
        }
    }

    static Integer[] boxed(int[] a) {
        return java.util.Arrays.stream(a).boxed().toArray(Integer[]::new);
    }
}
