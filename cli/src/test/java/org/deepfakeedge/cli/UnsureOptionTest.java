package org.deepfakeedge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.deepfakeedge.provenance.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --unsure LOW,HIGH} on predict, scan and evaluate, in-process on the built-in data. */
class UnsureOptionTest {
    @TempDir static Path shared;
    static Path data;

    @TempDir Path tmp;

    @BeforeAll
    static void data() throws Exception {
        data = CliTest.smallSynth(shared);
    }

    /** The scan tests' student-10 as an artifact folder (threshold 0.4). */
    private Path artifact() throws Exception {
        ScanCommandTest.model(tmp);
        return tmp.resolve("m");
    }

    @Test
    void unsure_labels_the_band_and_validates_it() throws Exception {
        Path m = artifact();
        Path images = data.resolve("test");
        Object[] plain =
                CliTest.run(
                        "predict", "--model", m.toString(), "--threads", "1", images.toString());
        // the whole [0, 1) is the band: every image is unsure unless its p_fake is exactly 1
        Object[] all =
                CliTest.run(
                        "predict",
                        "--model",
                        m.toString(),
                        "--threads",
                        "1",
                        "--unsure",
                        "0,1",
                        images.toString());
        assertThat(all[0]).as((String) all[2]).isEqualTo(0);
        List<JsonNode> a = CliTest.jsonLines((String) all[1]);
        List<JsonNode> p = CliTest.jsonLines((String) plain[1]);
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i).get("p_fake").asDouble())
                    .isEqualTo(p.get(i).get("p_fake").asDouble());
            assertThat(a.get(i).get("label").asText())
                    .isEqualTo(a.get(i).get("p_fake").asDouble() >= 1 ? "fake" : "unsure");
        }
        // an empty band at the threshold: the output without --unsure
        Object[] none =
                CliTest.run(
                        "predict",
                        "--model",
                        m.toString(),
                        "--threads",
                        "1",
                        "--unsure",
                        "0.4,0.4",
                        images.toString());
        assertThat(none[1]).isEqualTo(plain[1]);

        Object[] outside =
                CliTest.run(
                        "predict",
                        "--model",
                        m.toString(),
                        "--unsure",
                        "0.5,0.7",
                        images.toString());
        assertThat(outside[0]).isEqualTo(2);
        assertThat((String) outside[2])
                .contains("--unsure 0.5,0.7 must contain the model's threshold 0.4000")
                .hasLineCount(1);
        Object[] syntax =
                CliTest.run(
                        "predict", "--model", m.toString(), "--unsure", "0.3", images.toString());
        assertThat(syntax[0]).isEqualTo(2);
        assertThat((String) syntax[2]).contains("expected LOW,HIGH");

        Object[] scan =
                CliTest.run(
                        "scan",
                        "--model",
                        m.toString(),
                        "--threads",
                        "1",
                        "--faces",
                        "off",
                        "--unsure",
                        "0,1",
                        images.toString());
        assertThat(scan[0]).as((String) scan[2]).isEqualTo(0);
        assertThat(CliTest.jsonLines((String) scan[1]))
                .isNotEmpty()
                .allSatisfy(l -> assertThat(l.get("label").asText()).isIn("unsure", "fake"));
        Object[] scanOutside =
                CliTest.run(
                        "scan",
                        "--model",
                        m.toString(),
                        "--faces",
                        "off",
                        "--unsure",
                        "0.6,0.9",
                        images.toString());
        assertThat(scanOutside[0]).isEqualTo(2);
        assertThat((String) scanOutside[2]).contains("must contain the model's threshold");
    }

    @Test
    void evaluate_unsure_adds_coverage_and_accuracy_and_nothing_else() throws Exception {
        Path m = artifact();
        Object[] plain =
                CliTest.run(
                        "evaluate",
                        "--model",
                        m.toString(),
                        "--data",
                        data.toString(),
                        "--threads",
                        "1",
                        "--json");
        Object[] band =
                CliTest.run(
                        "evaluate",
                        "--model",
                        m.toString(),
                        "--data",
                        data.toString(),
                        "--threads",
                        "1",
                        "--unsure",
                        "0.3,0.7",
                        "--json");
        assertThat(band[0]).as((String) band[2]).isEqualTo(0);
        JsonNode a = Json.MAPPER.readTree((String) plain[1]);
        JsonNode b = Json.MAPPER.readTree((String) band[1]);
        assertThat(a.has("unsure")).isFalse();
        JsonNode u = b.get("unsure");
        assertThat(u.get("low").asDouble()).isEqualTo(0.3);
        assertThat(u.get("high").asDouble()).isEqualTo(0.7);
        assertThat(u.get("n").asInt()).isEqualTo(a.get("n").asInt());
        assertThat(u.get("coverage").asDouble())
                .isEqualTo(u.get("decided").asDouble() / u.get("n").asDouble());
        var rest = ((com.fasterxml.jackson.databind.node.ObjectNode) b.deepCopy());
        rest.remove("unsure");
        for (String k : new String[] {"eval_seconds"}) {
            rest.remove(k);
            ((com.fasterxml.jackson.databind.node.ObjectNode) a).remove(k);
        }
        assertThat(rest).isEqualTo(a);
    }
}
