package org.deepfakeedge.faces;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Time per frame of the face detector at batch 1, run by hand (not a test: tests never assert
 * wall-clock times). Prints, per model, the median over rounds of each round's median time of the
 * network alone ({@code infer}) and of the whole {@code detect} (letterbox + network + decoding +
 * NMS) on a 640×360 and a 1280×720 frame, with the spread over rounds and the CPU model.
 *
 * <pre>
 * mvn -q -pl runtime test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp runtime/target/test-classes:runtime/target/classes:$(cat /tmp/cp.txt) \
 *     org.deepfakeedge.faces.FaceDetectorBenchmark [threads=2] [rounds=7] [iterations=300]
 * </pre>
 */
public final class FaceDetectorBenchmark {

    private FaceDetectorBenchmark() {}

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        System.out.println(
                "CPU: "
                        + cpuModel()
                        + ", "
                        + Runtime.getRuntime().availableProcessors()
                        + " cores; threads "
                        + threads
                        + ", "
                        + rounds
                        + " rounds of "
                        + iterations
                        + " frames, batch 1");
        BufferedImage grid = Photos.image("call_grid.jpg");
        BufferedImage hd = new BufferedImage(1280, 720, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = hd.createGraphics();
        g.drawImage(grid, 0, 0, 1280, 720, null);
        g.dispose();
        for (BlazeFaceModel m : BlazeFaceModel.values()) {
            try (FaceDetector d =
                    FaceDetector.open(
                            FaceDetectorOptions.defaults().withModel(m).withThreads(threads))) {
                float[] input = Letterbox.of(640, 360, m.inputSize()).toInput(grid);
                for (int i = 0; i < 200; i++) {
                    d.infer(input);
                    d.detect(grid);
                }
                report(m + " network only   ", rounds, iterations, () -> d.infer(input));
                report(m + " detect 640x360 ", rounds, iterations, () -> d.detect(grid));
                report(m + " detect 1280x720", rounds, iterations, () -> d.detect(hd));
            }
        }
    }

    private static void report(String what, int rounds, int iterations, Runnable r) {
        double[] medians = new double[rounds];
        double[] t = new double[iterations];
        for (int k = 0; k < rounds; k++) {
            for (int i = 0; i < iterations; i++) {
                long t0 = System.nanoTime();
                r.run();
                t[i] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(t);
            medians[k] = t[iterations / 2];
        }
        double[] sorted = medians.clone();
        Arrays.sort(sorted);
        System.out.printf(
                "%s  median %.3f ms  (round medians %.3f .. %.3f ms; p95 of last round %.3f ms)%n",
                what,
                sorted[rounds / 2],
                sorted[0],
                sorted[rounds - 1],
                t[(int) (iterations * 0.95)]);
    }

    private static String cpuModel() throws java.io.IOException {
        Path info = Path.of("/proc/cpuinfo");
        if (Files.isReadable(info)) {
            for (String line : Files.readAllLines(info)) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        }
        return System.getProperty("os.arch");
    }
}
