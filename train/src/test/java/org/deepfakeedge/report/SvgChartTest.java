package org.deepfakeedge.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
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
}
