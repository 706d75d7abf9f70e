package org.deepfakeedge.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocPlotTest {

    private static Map<String, RocCurve> curves() {
        Map<String, RocCurve> curves = new LinkedHashMap<>();
        curves.put(
                "baseline",
                RocCurve.compute(
                        new float[] {0.9f, 0.6f, 0.4f, 0.6f, 0.4f, 0.1f},
                        new int[] {1, 1, 1, 0, 0, 0}));
        curves.put(
                "pruned",
                RocCurve.compute(new float[] {0.1f, 0.4f, 0.35f, 0.8f}, new int[] {0, 0, 1, 1}));
        // One class only: listed in the legend as n/a, no line.
        curves.put("fakes only", RocCurve.compute(new float[] {0.7f}, new int[] {1}));
        return curves;
    }

    @Test
    void writes_a_readable_640_by_480_png_and_no_temporary_files(@TempDir Path dir)
            throws Exception {
        Path png = dir.resolve("plots/roc.png");

        RocPlot.writePng(curves(), png, "ROC, test split");

        assertThat(Files.size(png)).as("PNG size in bytes").isPositive();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("ImageIO decodes %s", png).isNotNull();
        assertThat(image.getWidth()).as("width").isEqualTo(640);
        assertThat(image.getHeight()).as("height").isEqualTo(480);
        try (Stream<Path> files = Files.list(png.getParent())) {
            assertThat(files).containsExactly(png);
        }
    }

    @Test
    void replaces_an_existing_file(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("roc.png");
        Files.writeString(png, "old");

        RocPlot.writePng(curves(), png, null);

        assertThat(ImageIO.read(png.toFile())).as("decoded replacement").isNotNull();
    }

    @Test
    void legend_shows_the_auc_with_three_decimals() {
        // 7/9 = 0.7777... rounds to 0.778
        assertThat(RocPlot.legend("baseline", 7.0 / 9)).isEqualTo("baseline (AUC 0.778)");
        assertThat(RocPlot.legend("fakes only", Double.NaN)).isEqualTo("fakes only (AUC n/a)");
    }

    @Test
    void refuses_an_empty_plot(@TempDir Path dir) {
        assertThatThrownBy(() -> RocPlot.writePng(Map.of(), dir.resolve("roc.png"), "t"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one");
    }
}
