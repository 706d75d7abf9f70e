package org.deepfakeedge.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.deepfakeedge.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad inputs end in one {@link InvalidInputException} naming the file and what is wrong, never in a
 * native crash or a hang.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class VideoErrorsTest {

    @TempDir Path dir;

    private static String openFails(Path file) {
        try (VideoReader r = VideoReader.open(file)) {
            throw new AssertionError("opened " + file + ": " + r.info());
        } catch (InvalidInputException e) {
            assertThat(e.getMessage()).startsWith(file + ": ").doesNotContain("\n");
            return e.getMessage().substring(file.toString().length() + 2);
        }
    }

    @Test
    void zeroByteFile() throws IOException {
        Path f = Files.createFile(dir.resolve("empty.mp4"));
        assertThat(openFails(f)).isEqualTo("empty file (0 bytes)");
    }

    @Test
    void zeroLengthVideo() {
        // a well-formed MP4 whose video track holds no frame at all
        Path f =
                VideoFixtures.write(
                        dir.resolve("zero.mp4"),
                        VideoFixtures.Spec.of("mp4", "libopenh264").withFrames(0));
        assertThat(f).isNotEmptyFile();
        assertThat(openFails(f))
                .isEqualTo(
                        "no video stream: the mov,mp4,m4a,3gp,3g2,mj2 file holds no stream at all"
                                + " (a zero-length recording)");
        // JavaCV's Matroska muxer leaves a zero-frame file FFmpeg cannot parse
        Path mkv =
                VideoFixtures.write(
                        dir.resolve("zero.mkv"),
                        VideoFixtures.Spec.of("matroska", "mpeg4").withFrames(0));
        assertThat(openFails(mkv)).startsWith("not a video file FFmpeg can read (");
    }

    @ParameterizedTest(name = "{0} ({1})")
    @CsvSource({"mp4,aac,m4a", "mp3,libmp3lame,mp3", "wav,pcm_s16le,wav", "ogg,libopus,ogg"})
    void audioOnlyFile(String format, String codec, String ext) {
        Path f = VideoFixtures.writeAudioOnly(dir.resolve("tone." + ext), format, codec, 1.0);
        assertThat(openFails(f)).startsWith("no video stream: audio only (");
    }

    @Test
    void audioOnlyMp4NamesTheAudioCodec() {
        Path f = VideoFixtures.writeAudioOnly(dir.resolve("tone.mp4"), "mp4", "aac", 1.0);
        assertThat(openFails(f))
                .isEqualTo("no video stream: audio only (aac) in a mov,mp4,m4a,3gp,3g2,mj2 file");
    }

    @Test
    void garbageBytes() {
        Path f = VideoFixtures.writeGarbage(dir.resolve("noise.mp4"), 200_000, 42);
        assertThat(openFails(f)).startsWith("not a video file FFmpeg can read");
    }

    @Test
    void textFile() throws IOException {
        // FFmpeg itself would open a .txt as an ANSI-art "video" (its tty demuxer)
        Path f = Files.writeString(dir.resolve("notes.txt"), "hello\nworld\n".repeat(100));
        assertThat(openFails(f)).startsWith("a tty file, not a video container this reader opens");
    }

    @Test
    void stillImage() throws IOException {
        Path f = dir.resolve("photo.png");
        ImageIO.write(VideoFixtures.pattern(1, 64, 48), "png", f.toFile());
        assertThat(openFails(f))
                .startsWith(
                        "a still image (png_pipe), not a video; fix: score it as an image (deepfake-edge predict)");
    }

    @Test
    void truncatedMp4LosesItsIndex() {
        // FFmpeg's MP4 muxer writes the index (moov) last: a cut-off download has none
        Path whole =
                VideoFixtures.write(
                        dir.resolve("whole.mp4"), VideoFixtures.Spec.of("mp4", "libopenh264"));
        Path cut = VideoFixtures.truncate(whole, dir.resolve("cut.mp4"), 0.6);
        assertThat(openFails(cut))
                .startsWith("not a video file FFmpeg can read")
                .contains("moov atom not found");
    }

    @Test
    void truncatedFaststartMp4EndsEarly() {
        // with the index first, a cut file opens and promises frames it no longer has
        Path whole =
                VideoFixtures.write(
                        dir.resolve("whole.mp4"),
                        VideoFixtures.Spec.of("mp4", "libopenh264")
                                .withFrames(100)
                                .withOption("movflags", "faststart"));
        Path cut = VideoFixtures.truncate(whole, dir.resolve("cut.mp4"), 0.5);
        try (VideoReader r = VideoReader.open(cut)) {
            assertThat(r.info().frameCount()).isEqualTo(100);
            Iterator<VideoFrame> it = r.frames(FrameSampling.evenly(10));
            assertThatThrownBy(
                            () -> {
                                while (it.hasNext()) {
                                    VideoFrame f = it.next();
                                    assertThat(VideoFixtures.frameNumber(f.image()))
                                            .isEqualTo(f.index());
                                }
                            })
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith(cut + ": truncated or corrupt: frame ")
                    .hasMessageContaining("the container says 100 frames");
        }
    }

    @Test
    void truncatedMatroskaEndsEarly() {
        Path whole =
                VideoFixtures.write(
                        dir.resolve("whole.mkv"),
                        VideoFixtures.Spec.of("matroska", "libvpx-vp9").withFrames(100));
        Path cut = VideoFixtures.truncate(whole, dir.resolve("cut.mkv"), 0.5);
        try (VideoReader r = VideoReader.open(cut)) {
            assertThatThrownBy(() -> r.readAll(FrameSampling.evenly(10)))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith(cut + ": truncated or corrupt: frame ");
        }
    }

    @Test
    void corruptMiddleStillGivesRealFrames() throws IOException {
        // garbage over the middle third: FFmpeg conceals or drops the damaged frames; every frame
        // returned is the frame its index says (no off-by-n after the damage)
        Path f =
                VideoFixtures.write(
                        dir.resolve("v.avi"),
                        VideoFixtures.Spec.of("avi", "mpeg4").withFrames(120).withGop(10));
        byte[] b = Files.readAllBytes(f);
        java.util.Random rnd = new java.util.Random(3);
        for (int i = b.length / 3; i < b.length / 2; i++) {
            b[i] = (byte) rnd.nextInt();
        }
        Path bad = Files.write(dir.resolve("bad.avi"), b);
        try (VideoReader r = VideoReader.open(bad)) {
            int good = 0;
            int previous = -1;
            for (VideoFrame fr : r.readAll(FrameSampling.evenly(12))) {
                assertThat(fr.index()).isGreaterThan(previous);
                previous = fr.index();
                if (fr.index() < 30 || fr.index() > 70) {
                    assertThat(VideoFixtures.frameNumber(fr.image())).isEqualTo(fr.index());
                    good++;
                }
            }
            assertThat(good).isGreaterThanOrEqualTo(6);
        }
    }

    @Test
    void missingFileFolderAndDanglingLink() throws IOException {
        assertThat(openFails(dir.resolve("nope.mp4"))).isEqualTo("file not found");
        assertThat(openFails(dir)).isEqualTo("is a folder, not a video file");
        Path link = Files.createSymbolicLink(dir.resolve("link.mp4"), dir.resolve("gone.mp4"));
        assertThat(openFails(link)).startsWith("dangling symbolic link");
    }

    @Test
    void namedPipeIsRefusedWithoutBlocking() throws Exception {
        Path fifo = dir.resolve("pipe.mp4");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(p.waitFor() == 0, "mkfifo not available");
        // opening a FIFO for reading blocks until a writer comes: FFmpeg must never see it
        assertThat(openFails(fifo)).startsWith("not a regular file");
    }

    @Test
    void framesLargerThanTheLimitAreRefusedBeforeDecoding() {
        Path f =
                VideoFixtures.write(
                        dir.resolve("big.mkv"),
                        VideoFixtures.Spec.of("matroska", "mpeg4").withSize(320, 240));
        try (VideoReader r =
                VideoReader.open(f, VideoOptions.defaults().withMaxPixels(320 * 240 - 1))) {
            throw new AssertionError("opened");
        } catch (InvalidInputException e) {
            assertThat(e.getMessage())
                    .isEqualTo(f + ": video frames too large: 320x240 pixels (limit 76799)");
        }
        try (VideoReader r =
                VideoReader.open(f, VideoOptions.defaults().withMaxPixels(320 * 240))) {
            BufferedImage img = r.readAll(FrameSampling.evenly(1)).get(0).image();
            assertThat(img.getWidth()).isEqualTo(320);
        }
    }

    @Test
    void aFileNamedLikeAUrlIsStillAFile() throws IOException {
        Path f =
                VideoFixtures.write(
                        dir.resolve("http:example.mp4"), VideoFixtures.Spec.of("mp4", "mpeg4"));
        try (VideoReader r = VideoReader.open(f)) {
            assertThat(r.info().frameCount()).isEqualTo(50);
        }
        Path m3u = dir.resolve("list.m3u8");
        Files.writeString(
                m3u,
                "#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\nhttp://127.0.0.1:9/x.ts\n",
                StandardCharsets.UTF_8);
        assertThat(openFails(m3u)).contains("not a video container this reader opens");
    }
}
