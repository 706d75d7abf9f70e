package org.deepfakeedge.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class SvgChartTest {
    static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void markers_are_drawn_per_point_and_a_log_axis_drops_non_positive_x() throws Exception {
        SvgChart c =
                new SvgChart(
                                "size <&> accuracy",
                                "KiB",
                                "accuracy",
                                true,
                                new double[] {0, 1},
                                false)
                        .add(
                                new SvgChart.Series(
                                        "prune \"10%\"",
                                        List.of(
                                                new double[] {100, 0.7},
                                                new double[] {0, 0.5},
                                                new double[] {Double.NaN, 0.5},
                                                new double[] {1000, 0.8}),
                                        false))
                        .add(new SvgChart.Series("empty", List.of(new double[] {-1, 0.5}), false));
        assertThat(c.series()).isEqualTo(1);
        Document d = parse(c.render()); // well-formed XML despite <, &, " in the texts
        assertThat(d.getElementsByTagName("circle").getLength()).isEqualTo(2);
        assertThat(d.getDocumentElement().getTextContent())
                .contains("size <&> accuracy")
                .contains("prune \"10%\"");
    }

    @Test
    void lines_become_one_polyline_per_series_inside_the_plot() throws Exception {
        SvgChart c =
                new SvgChart("ROC", "fpr", "tpr", false, new double[] {0, 1}, true)
                        .add(
                                new SvgChart.Series(
                                        "a",
                                        List.of(
                                                new double[] {0, 0},
                                                new double[] {0.5, 0.8},
                                                new double[] {1, 1}),
                                        true));
        Document d = parse(c.render());
        assertThat(d.getElementsByTagName("polyline").getLength()).isEqualTo(1);
        String[] pts =
                d.getElementsByTagName("polyline")
                        .item(0)
                        .getAttributes()
                        .getNamedItem("points")
                        .getNodeValue()
                        .split(" ");
        assertThat(pts).hasSize(3);
        // (0,0) is the plot's lower-left corner, (1,1) its upper-right corner
        assertThat(pts[0]).isEqualTo("64.0,376.0");
        assertThat(pts[2]).isEqualTo("504.0,36.0");
    }

    private static SvgChart roc() {
        return SvgChart.roc("ROC, test split")
                .add(
                        new SvgChart.Series(
                                SvgChart.rocLegend("baseline", 7.0 / 9),
                                List.of(
                                        new double[] {0, 0},
                                        new double[] {1.0 / 3, 2.0 / 3},
                                        new double[] {1, 1}),
                                true))
                // one class only: the curve is undefined, so it has no point to draw
                .add(
                        new SvgChart.Series(
                                SvgChart.rocLegend("fakes only", Double.NaN),
                                List.of(new double[] {Double.NaN, Double.NaN}),
                                true));
    }

    @Test
    void the_roc_legend_shows_the_auc_and_an_undefined_curve_is_left_out() throws Exception {
        // 7/9 = 0.77777... rounds to 0.7778, as the report's tables print it
        assertThat(SvgChart.rocLegend("baseline", 7.0 / 9)).isEqualTo("baseline (AUC 0.7778)");
        assertThat(SvgChart.rocLegend("fakes only", Double.NaN)).isEqualTo("fakes only (AUC –)");
        SvgChart c = roc();
        assertThat(c.series()).isEqualTo(1);
        Document d = parse(c.render());
        assertThat(d.getDocumentElement().getTextContent())
                .contains("ROC, test split")
                .contains("baseline (AUC 0.7778)")
                .contains("false positive rate")
                .contains("true positive rate")
                .doesNotContain("fakes only");
        // the curve and the dashed chance line
        assertThat(d.getElementsByTagName("polyline").getLength()).isEqualTo(1);
        assertThat(d.getElementsByTagName("line").getLength()).isGreaterThan(12);
    }

    @Test
    void an_empty_chart_is_refused() {
        SvgChart empty = SvgChart.roc("nothing");
        assertThat(empty.isEmpty()).isTrue();
        assertThatThrownBy(empty::render)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("at least one series");
    }

    @Test
    void writes_the_file_atomically_creating_folders_and_leaving_no_temporary_file(
            @TempDir Path dir) throws Exception {
        Path svg = dir.resolve("plots/roc-test.svg");
        roc().write(svg);
        assertThat(Files.readString(svg)).isEqualTo(roc().render());
        parse(Files.readString(svg));
        try (Stream<Path> files = Files.list(svg.getParent())) {
            assertThat(files).containsExactly(svg);
        }
        // replaces an existing file; an empty chart writes nothing and keeps the old file
        Files.writeString(svg, "old");
        roc().write(svg);
        assertThat(Files.readString(svg)).startsWith("<svg");
        assertThatThrownBy(() -> SvgChart.roc("nothing").write(svg))
                .isInstanceOf(IllegalStateException.class);
        assertThat(Files.readString(svg)).startsWith("<svg");
        try (Stream<Path> files = Files.list(svg.getParent())) {
            assertThat(files).containsExactly(svg);
        }
    }
}
