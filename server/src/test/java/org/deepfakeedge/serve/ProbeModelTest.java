package org.deepfakeedge.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.deepfakeedge.artifact.ModelArtifact;
import org.deepfakeedge.provenance.Json;
import org.deepfakeedge.runtime.Detector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page tests' fixture model is a real detector of the built-in checkerboard fakes. */
class ProbeModelTest {
    @TempDir Path tmp;

    @Test
    void the_probe_tells_the_checkerboard_fakes_from_real_images() throws Exception {
        Path dir = ProbeModel.write(tmp.resolve("probe"));
        JsonNode m = Json.MAPPER.readTree(dir.resolve(ModelArtifact.METRICS).toFile());
        assertThat(m.path("n").asInt()).isEqualTo(2 * ProbeModel.DATA.countPerClass("test"));
        assertThat(m.path("accuracy").asDouble()).isGreaterThan(0.8);
        assertThat(m.path("roc_auc").asDouble()).isGreaterThan(0.9);
        assertThat(m.path("roc_curve").path("fpr").size()).isGreaterThan(2);
        try (Detector d = Detector.load(dir)) {
            assertThat(d.detect(ProbeModel.image("test", 1, 0)).label()).isEqualTo("fake");
            assertThat(d.detect(ProbeModel.image("test", 0, 0)).label()).isEqualTo("real");
        }
    }
}
