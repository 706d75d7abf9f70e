package org.deepfakeedge.video;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Seeking against decoding on: the time to get {@link FrameSampling#defaults() 32 evenly spread
 * frames} out of a 720p, 60-second H.264 MP4 with each {@link VideoOptions.Strategy}, for two
 * keyframe intervals (2 s and 250 frames, x264's default). Not a test: run its {@code main} with
 * the module's test classpath; the numbers are in docs/video.md.
 *
 * <p>Arguments: {@code [folder for the videos] [repeats] [decoder threads]}.
 */
public final class SeekBenchmark {

    private SeekBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/seek-benchmark");
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : VideoOptions.DEFAULT_THREADS;
        Files.createDirectories(dir);
        VideoFixtures.Spec spec =
                new VideoFixtures.Spec(
                        "mp4", "libopenh264", 1280, 720, 30, 1800, 60, 0, java.util.Map.of());
        for (int gop : new int[] {60, 250}) {
            Path file = dir.resolve("720p-60s-gop" + gop + ".mp4");
            if (!Files.exists(file)) {
                long t = System.nanoTime();
                VideoFixtures.write(file, spec.withGop(gop));
                System.out.printf(
                        Locale.ROOT, "wrote %s in %.1f s%n", file, (System.nanoTime() - t) / 1e9);
            }
            VideoOptions.Strategy[] strategies = VideoOptions.Strategy.values();
            List<List<Double>> times = new ArrayList<>();
            for (int i = 0; i < strategies.length; i++) {
                times.add(new ArrayList<>());
            }
            int[] decoded = new int[strategies.length];
            int[] seeks = new int[strategies.length];
            run(file, VideoOptions.Strategy.AUTO, threads); // warm-up: JIT, page cache
            for (int rep = 0; rep < repeats; rep++) {
                for (int j = 0; j < strategies.length; j++) {
                    // rotate the order so that no strategy always runs first
                    int i = (j + rep) % strategies.length;
                    long t = System.nanoTime();
                    int[] counts = run(file, strategies[i], threads);
                    times.get(i).add((System.nanoTime() - t) / 1e9);
                    decoded[i] = counts[0];
                    seeks[i] = counts[1];
                }
            }
            for (int i = 0; i < strategies.length; i++) {
                double[] s =
                        times.get(i).stream().mapToDouble(Double::doubleValue).sorted().toArray();
                System.out.printf(
                        Locale.ROOT,
                        "gop %3d  %-10s median %.2f s  min %.2f  max %.2f  (%d runs; %d frames"
                                + " decoded, %d seeks; %d decoder threads)%n",
                        gop,
                        strategies[i],
                        s[s.length / 2],
                        s[0],
                        s[s.length - 1],
                        s.length,
                        decoded[i],
                        seeks[i],
                        threads);
            }
        }
    }

    private static int[] run(Path file, VideoOptions.Strategy strategy, int threads) {
        try (VideoReader r =
                VideoReader.open(
                        file,
                        VideoOptions.defaults()
                                .withStrategy(strategy)
                                .withDecoderThreads(threads))) {
            int n = 0;
            for (var it = r.frames(FrameSampling.defaults()); it.hasNext(); ) {
                VideoFrame f = it.next();
                if (VideoFixtures.frameNumber(f.image()) != f.index()) {
                    throw new AssertionError("frame " + f.index() + " is not what it says");
                }
                n++;
            }
            if (n != 32) {
                throw new AssertionError(n + " frames, not 32");
            }
            return new int[] {r.decodedFrames(), r.seeks()};
        }
    }
}
