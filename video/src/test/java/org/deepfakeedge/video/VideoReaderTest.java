package org.deepfakeedge.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.deepfakeedge.data.synth.SynthSpec;
import org.deepfakeedge.data.synth.SyntheticDatasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class VideoReaderTest {

    @TempDir Path dir;

    private static List<VideoFrame> read(Path file, VideoOptions options, FrameSampling s) {
        try (VideoReader r = VideoReader.open(file, options)) {
            return r.readAll(s);
        }
    }

    private static void assertFramesAreWhatTheySay(List<VideoFrame> frames) {
        for (VideoFrame f : frames) {
            assertThat(VideoFixtures.frameNumber(f.image()))
                    .as("number drawn into frame %d", f.index())
                    .isEqualTo(f.index());
        }
    }

    @ParameterizedTest
    @EnumSource(VideoOptions.Strategy.class)
    void everyStrategyReturnsExactlyTheSampledFrames(VideoOptions.Strategy strategy) {
        // B-frames reorder decoding; a long keyframe interval makes seeks land far before
        Path file =
                VideoFixtures.write(
                        dir.resolve("b.mp4"),
                        VideoFixtures.Spec.of("mp4", "mpeg4")
                                .withFrames(600)
                                .withGop(50)
                                .withBFrames(2));
        FrameSampling sampling = FrameSampling.evenly(32);
        List<VideoFrame> frames =
                read(file, VideoOptions.defaults().withStrategy(strategy), sampling);
        assertThat(frames)
                .extracting(VideoFrame::index)
                .containsExactly(VideoCodecsTest.boxed(sampling.indices(600, 25)));
        assertFramesAreWhatTheySay(frames);
        for (VideoFrame f : frames) {
            assertThat(f.timestampSeconds()).isCloseTo(f.index() / 25.0, offset(1e-6));
        }
    }

    @Test
    void autoSeeksOnlyWhereAKeyframeLetsItSkipFrames() {
        VideoFixtures.Spec spec = VideoFixtures.Spec.of("mp4", "libopenh264").withFrames(900);
        Path shortGop = VideoFixtures.write(dir.resolve("gop10.mp4"), spec.withGop(10));
        Path noGop = VideoFixtures.write(dir.resolve("gop1000.mp4"), spec.withGop(1000));
        FrameSampling sampling = FrameSampling.evenly(8);

        try (VideoReader r = VideoReader.open(shortGop)) {
            List<VideoFrame> frames = r.readAll(sampling);
            assertFramesAreWhatTheySay(frames);
            // 7 jumps of ~128 frames, each landing within 10 frames of its target
            assertThat(r.seeks()).isEqualTo(7);
            assertThat(r.decodedFrames()).isLessThan(8 * 11);
        }
        try (VideoReader r = VideoReader.open(noGop)) {
            List<VideoFrame> frames = r.readAll(sampling);
            assertFramesAreWhatTheySay(frames);
            // one keyframe (openh264 may add a few at scene cuts): decoding on is all there is
            assertThat(r.seeks()).isLessThanOrEqualTo(3);
        }
        try (VideoReader r =
                VideoReader.open(
                        shortGop,
                        VideoOptions.defaults().withStrategy(VideoOptions.Strategy.SEQUENTIAL))) {
            assertFramesAreWhatTheySay(r.readAll(sampling));
            assertThat(r.seeks()).isZero();
            assertThat(r.decodedFrames()).isEqualTo(900);
        }
    }

    @Test
    void matroskaAndWebmSeekThroughTheirCues() {
        VideoFixtures.Spec spec = VideoFixtures.Spec.of("webm", "libvpx-vp9").withFrames(300);
        Path file = VideoFixtures.write(dir.resolve("v.webm"), spec.withGop(25));
        try (VideoReader r = VideoReader.open(file)) {
            assertThat(r.info().frameCountExact()).isFalse();
            List<VideoFrame> frames = r.readAll(FrameSampling.evenly(6));
            assertFramesAreWhatTheySay(frames);
            assertThat(frames).extracting(VideoFrame::index).endsWith(299);
            assertThat(r.seeks()).isPositive();
            assertThat(r.decodedFrames()).isLessThan(300);
        }
    }

    @Test
    void liveWebmWithoutDurationOrCuesIsCounted() {
        // browsers record WebM as a live stream: no duration, no cues
        Path file =
                VideoFixtures.write(
                        dir.resolve("live.webm"),
                        VideoFixtures.Spec.of("webm", "libvpx")
                                .withFrames(70)
                                .withOption("live", "1"));
        try (VideoReader r = VideoReader.open(file)) {
            assertThat(r.info().frameCount()).isEqualTo(70);
            assertThat(r.info().durationSeconds()).isCloseTo(70 / 25.0, offset(0.05));
            List<VideoFrame> frames = r.readAll(FrameSampling.evenly(5));
            assertThat(frames).extracting(VideoFrame::index).containsExactly(0, 17, 34, 51, 69);
            assertFramesAreWhatTheySay(frames);
        }
    }

    @Test
    void perSecondSamplingReportsTimestamps() {
        Path file =
                VideoFixtures.write(
                        dir.resolve("v.mkv"),
                        VideoFixtures.Spec.of("matroska", "mpeg4").withFps(30).withFrames(95));
        List<VideoFrame> frames =
                read(file, VideoOptions.defaults(), FrameSampling.perSecond(2, 100));
        assertThat(frames).extracting(VideoFrame::index).containsExactly(0, 15, 30, 45, 60, 75, 90);
        assertThat(frames)
                .extracting(VideoFrame::timestampSeconds)
                .containsExactly(0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0);
        assertFramesAreWhatTheySay(frames);
    }

    @Test
    void imagesAreCopiesTheCallerOwns() {
        Path file =
                VideoFixtures.write(
                        dir.resolve("v.mp4"), VideoFixtures.Spec.of("mp4", "mpeg4").withFrames(30));
        List<BufferedImage> kept = new ArrayList<>();
        List<int[]> pixelsThen = new ArrayList<>();
        try (VideoReader r = VideoReader.open(file)) {
            Iterator<VideoFrame> it = r.frames(FrameSampling.perSecond(1000, 1000));
            while (it.hasNext()) {
                BufferedImage img = it.next().image();
                assertThat(img.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
                kept.add(img);
                pixelsThen.add(
                        img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth()));
            }
        }
        // after more frames were decoded and the reader closed, every image is still its frame
        assertThat(kept).hasSize(30);
        for (int k = 0; k < kept.size(); k++) {
            BufferedImage img = kept.get(k);
            assertThat(VideoFixtures.frameNumber(img)).isEqualTo(k);
            assertThat(img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth()))
                    .isEqualTo(pixelsThen.get(k));
        }
    }

    @Test
    void coloursSurviveDecoding() {
        // the gradient below the code band: red rises with x, green with y (see pattern)
        Path file =
                VideoFixtures.write(
                        dir.resolve("v.mkv"),
                        VideoFixtures.Spec.of("matroska", "ffv1").withSize(128, 96).withFrames(2));
        BufferedImage want = VideoFixtures.pattern(1, 128, 96);
        BufferedImage got =
                read(file, VideoOptions.defaults(), FrameSampling.evenly(2)).get(1).image();
        long err = 0;
        int n = 0;
        for (int y = 40; y < 96; y++) {
            for (int x = 4; x < 124; x++) {
                int a = want.getRGB(x, y);
                int b = got.getRGB(x, y);
                for (int s = 0; s < 24; s += 8) {
                    err += Math.abs(((a >> s) & 255) - ((b >> s) & 255));
                    n++;
                }
            }
        }
        // yuv420p round trip: chroma is subsampled, so a few levels off on average, not more
        assertThat(err / (double) n).isLessThan(4.0);
    }

    @Test
    void framesFromTheGeneratorKeepTheirFakeAndRealSegments() {
        SynthSpec synth = new SynthSpec(64, 10, 7, "mixed", 0.1, 0.1);
        VideoFixtures.Spec spec =
                VideoFixtures.Spec.of("matroska", "libopenh264").withSize(128, 128).withFrames(60);
        int[] labels =
                VideoFixtures.writeSegments(
                        dir.resolve("seg.mkv"), spec, synth, new int[] {20, 40});
        assertThat(labels).containsOnly(0, 1);
        assertThat(java.util.Arrays.stream(labels).sum()).isEqualTo(20);
        try (VideoReader r = VideoReader.open(dir.resolve("seg.mkv"))) {
            for (VideoFrame f : r.readAll(FrameSampling.evenly(12))) {
                assertThat(VideoFixtures.frameNumber(f.image())).isEqualTo(f.index());
                // the decoded frame is closer to its own render than to the other label's
                double own = meanDiff(f.image(), render(synth, labels[f.index()], f.index()));
                double other = meanDiff(f.image(), render(synth, 1 - labels[f.index()], f.index()));
                assertThat(own).as("frame %d", f.index()).isLessThan(other);
            }
        }
    }

    private static BufferedImage render(SynthSpec synth, int label, int k) {
        BufferedImage src = SyntheticDatasets.render(synth, "test", label, k);
        BufferedImage img = new BufferedImage(128, 128, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setRenderingHint(
                java.awt.RenderingHints.KEY_INTERPOLATION,
                java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(src, 0, 0, 128, 128, null);
        g.dispose();
        return img;
    }

    /** Mean absolute difference below the code band. */
    private static double meanDiff(BufferedImage a, BufferedImage b) {
        long sum = 0;
        int n = 0;
        for (int y = a.getHeight() / 4 + 2; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int s = 0; s < 24; s += 8) {
                    sum += Math.abs(((p >> s) & 255) - ((q >> s) & 255));
                    n++;
                }
            }
        }
        return sum / (double) n;
    }

    @Test
    void twoHoursStreamInBoundedMemory() throws IOException {
        // two hours at 2 fps (14,400 frames, 160x120): every frame decoded and converted; a leak
        // of one frame's RGB copy (77 KB) per frame would be 1.1 GB
        Path file =
                VideoFixtures.write(
                        dir.resolve("long.mkv"),
                        VideoFixtures.Spec.of("matroska", "mpeg4")
                                .withFps(2)
                                .withFrames(2 * 3600 * 2)
                                .withGop(20));
        try (VideoReader r = VideoReader.open(file)) {
            assertThat(r.info().durationSeconds()).isCloseTo(7200, offset(1.0));
            Iterator<VideoFrame> it = r.frames(FrameSampling.perSecond(1000, 100_000));
            long rssAfterWarmUp = 0;
            int n = 0;
            while (it.hasNext()) {
                VideoFrame f = it.next();
                if (n % 997 == 0) {
                    assertThat(VideoFixtures.frameNumber(f.image())).isEqualTo(f.index());
                }
                if (++n == 1000) {
                    System.gc();
                    rssAfterWarmUp = residentBytes();
                }
            }
            assertThat(n).isEqualTo(14_400);
            System.gc();
            long growth = residentBytes() - rssAfterWarmUp;
            assertThat(growth)
                    .as("resident memory growth over 13,400 frames")
                    .isLessThan(100L << 20);
        }
    }

    /** VmRSS of this process, from /proc (Linux, the only platform the module ships for). */
    private static long residentBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS");
    }

    @Test
    void aReaderStreamsOnceAndNotAfterClose() {
        Path file =
                VideoFixtures.write(dir.resolve("v.mp4"), VideoFixtures.Spec.of("mp4", "mpeg4"));
        VideoReader r = VideoReader.open(file);
        r.frames(FrameSampling.evenly(2));
        assertThatThrownBy(() -> r.frames(FrameSampling.evenly(2)))
                .isInstanceOf(IllegalStateException.class);
        r.close();
        r.close(); // idempotent
        VideoReader r2 = VideoReader.open(file);
        Iterator<VideoFrame> it = r2.frames(FrameSampling.evenly(3));
        assertThat(it.next().index()).isZero();
        r2.close();
        assertThatThrownBy(it::next).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void decoderThreadsDoNotChangeTheFrames() {
        Path file =
                VideoFixtures.write(
                        dir.resolve("v.mp4"),
                        VideoFixtures.Spec.of("mp4", "libopenh264").withFrames(120));
        FrameSampling s = FrameSampling.evenly(10);
        List<VideoFrame> one = read(file, VideoOptions.defaults().withDecoderThreads(1), s);
        List<VideoFrame> auto = read(file, VideoOptions.defaults().withDecoderThreads(0), s);
        assertThat(auto).hasSameSizeAs(one);
        for (int i = 0; i < one.size(); i++) {
            BufferedImage a = one.get(i).image();
            BufferedImage b = auto.get(i).image();
            assertThat(b.getRGB(0, 0, b.getWidth(), b.getHeight(), null, 0, b.getWidth()))
                    .isEqualTo(a.getRGB(0, 0, a.getWidth(), a.getHeight(), null, 0, a.getWidth()));
        }
    }

    @Test
    void theModuleCarriesNoOtherNativeFamily() {
        // JavaCV's other native families and JavaFX are excluded in the parent POM
        for (String cls :
                List.of(
                        "org.bytedeco.opencv.global.opencv_core",
                        "org.bytedeco.openblas.global.openblas",
                        "org.bytedeco.tesseract.global.tesseract",
                        "org.bytedeco.librealsense2.global.realsense2",
                        "javafx.scene.image.Image")) {
            assertThatThrownBy(() -> Class.forName(cls)).isInstanceOf(ClassNotFoundException.class);
        }
    }
}
