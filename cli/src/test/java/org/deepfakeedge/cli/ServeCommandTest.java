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
