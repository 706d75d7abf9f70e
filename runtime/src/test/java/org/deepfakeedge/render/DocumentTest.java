package org.deepfakeedge.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentTest {
    private static Document doc() {
        return new Document()
                .heading(1, "Report <1>")
                .paragraph("A & B")
                .table(
                        List.of("cell", "value"),
                        List.of(List.of("a | b", "P 0.5\nR 0.25"), List.of("<c>", "\"q\"")))
                .figure(
                        "figures/x.svg",
                        SvgChart.roc("ROC")
                                .add(
                                        new SvgChart.Series(
                                                "m",
                                                List.of(new double[] {0, 0}, new double[] {1, 1}),
                                                true)));
    }

    @Test
    void markdown_escapes_table_cells_and_links_the_figures() {
        assertThat(doc().markdown())
                .isEqualTo(
                        "# Report <1>\n\n"
                                + "A & B\n\n"
                                + "| cell | value |\n"
                                + "|---|---:|\n"
                                + "| a \\| b | P 0.5<br>R 0.25 |\n"
                                + "| <c> | \"q\" |\n\n"
                                + "![ROC](figures/x.svg)\n\n");
    }

    @Test
    void html_escapes_every_text_and_inlines_the_figures() {
        String html = doc().html("name & co");
        assertThat(html)
                .startsWith("<!DOCTYPE html>")
                .contains("<title>name &amp; co</title>")
                .contains("<h1>Report &lt;1&gt;</h1>")
                .contains("<p>A &amp; B</p>")
                .contains("<tr><td>a | b</td><td>P 0.5<br>R 0.25</td></tr>")
                .contains("<tr><td>&lt;c&gt;</td><td>&quot;q&quot;</td></tr>")
                .contains("<figure><svg ")
                .contains("<figcaption>figures/x.svg</figcaption>")
                .doesNotContain("src=\"http")
                .endsWith("</body></html>\n");
        assertThat(doc().figures()).hasSize(1);
    }

    @Test
    void the_html_page_fits_a_phone_charts_shrink_and_wide_tables_scroll_in_their_box() {
        String html = doc().html("t");
        assertThat(html)
                .contains(
                        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .contains("figure svg{max-width:100%;height:auto}")
                .contains(".wide{overflow-x:auto;max-width:100%}")
                .contains("p,h1,h2,h3{overflow-wrap:break-word}") // a commit hash is one word
                .contains("<div class=\"wide\"><table><thead>")
                .contains("</tbody></table></div>\n");
        // the browser test (server module, WebPageIT) opens such a page at 412 px
    }

    @Test
    void label_columns_are_left_aligned_in_both_formats() {
        Document d =
                new Document()
                        .table(List.of("model", "arch", "n"), List.of(List.of("a", "b", "1")), 2);
        assertThat(d.markdown())
                .isEqualTo("| model | arch | n |\n|---|---|---:|\n| a | b | 1 |\n\n");
        assertThat(d.html("t"))
                .contains("<tr><td>a</td><td style=\"text-align:left\">b</td><td>1</td></tr>");
    }
}
