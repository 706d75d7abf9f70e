package org.deepfakeedge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.deepfakeedge.serve.ServeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** serve and loadtest option parsing and errors, without a model or a server. */
class ServeCommandTest {
    @Test
    void serve_options_become_the_config(@TempDir Path tmp) throws Exception {
        Path key = tmp.resolve("key");
        Files.writeString(key, "abc\n");
        ServeCommand cmd = new ServeCommand();
        new CommandLine(cmd)
                .parseArgs(
                        "--model",
                        "m",
                        "--port",
                        "0",
                        "--max-batch",
                        "4",
                        "--queue-capacity",
                        "10",
                        "--max-image-bytes",
                        "1000",
                        "--api-key-file",
                        key.toString(),
                        "--max-wait-ms",
                        "5");
        ServeConfig c = cmd.toConfig();
        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.port()).isZero();
        assertThat(c.maxBatch()).isEqualTo(4);
        assertThat(c.queueCapacity()).isEqualTo(10);
        assertThat(c.maxImagesPerRequest()).isEqualTo(10);
        assertThat(c.httpThreads())
                .as("more request threads than queue places")
                .isGreaterThan(10 + 2 * 4);
        assertThat(c.maxImageBytes()).isEqualTo(1000);
        assertThat(c.maxWait()).isEqualTo(Duration.ofMillis(5));
        assertThat(c.apiKey().accepts("Bearer abc", null)).isTrue();

        ServeCommand defaults = new ServeCommand();
        new CommandLine(defaults).parseArgs("--model", "m");
        assertThat(defaults.toConfig().port()).isEqualTo(8080);
        assertThat(defaults.toConfig().apiKey()).isNull();
    }

    @Test
    void the_service_runs_dynamic_linear_int8_models_on_onnx_runtime(@TempDir Path tmp)
            throws Exception {
        org.deepfakeedge.model.ModelSpec spec =
                org.deepfakeedge.model.ModelZoo.build("student-10", 32);
        var q =
                org.deepfakeedge.compress.quantize.DynamicLinearQuantizer.quantize(
                        spec, org.deepfakeedge.export.ExportFixtures.weights(spec, 3));
        Path dir = tmp.resolve("int8");
        org.deepfakeedge.artifact.ModelArtifact.save(
                dir, org.deepfakeedge.export.ExportFixtures.manifest(q.spec()), q.weights());
        java.awt.image.BufferedImage img =
                new java.awt.image.BufferedImage(32, 32, java.awt.image.BufferedImage.TYPE_INT_RGB);
        img.setRGB(3, 4, 0xff8040);

        ServeCommand auto = new ServeCommand();
        new CommandLine(auto).parseArgs("--model", dir.toString(), "--threads", "1");
        ServeCommand djl = new ServeCommand();
        new CommandLine(djl).parseArgs("--model", dir.toString(), "--runtime", "djl");
        try (var served = auto.loadDetector();
                var exact = djl.loadDetector()) {
            assertThat(served.runtime()).isEqualTo("onnx");
            assertThat(exact.runtime()).isEqualTo("djl");
            // float activations against DJL's run-time int8 ones: close, as the help says
            assertThat(served.detect(img).pFake())
                    .isCloseTo(
                            exact.detect(img).pFake(), org.assertj.core.data.Offset.offset(0.02));
        }
    }

    @Test
    void bad_serve_and_loadtest_options_exit_2_with_one_line(@TempDir Path tmp) {
        Object[] r = CliTest.run("serve", "--model", tmp.toString(), "--max-batch", "0");
        assertThat(r[0]).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat((String) r[2]).contains("--max-batch must be >= 1, found 0");
        assertThat(((String) r[2]).lines().count()).isEqualTo(1);

        Object[] key =
                CliTest.run(
                        "serve",
                        "--model",
                        tmp.toString(),
                        "--api-key-file",
                        tmp.resolve("none").toString());
        assertThat(key[0]).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat((String) key[2]).contains("cannot read the API key file");

        Object[] far =
                CliTest.run(
                        "loadtest", "--url", "http://192.0.2.7:8080", "--image", tmp.toString());
        assertThat(far[0]).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat((String) far[2]).contains("not a loopback address");

        Object[] help = CliTest.run("--help");
        assertThat((String) help[1]).contains("serve").contains("loadtest");
    }
}
