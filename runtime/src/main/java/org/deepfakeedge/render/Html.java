package org.deepfakeedge.render;

import java.util.List;

/** HTML output: the document renderer and the one HTML (and SVG) escaping function. */
public final class Html {
    private static final String STYLE =
            "body{font-family:system-ui,sans-serif;max-width:1200px;margin:2em auto;padding:0 1em;"
                    + "color:#222}\n"
                    + "table{border-collapse:collapse;margin:1em 0;font-size:13px}\n"
                    + "th,td{border:1px solid #ccc;padding:4px 8px;vertical-align:top}\n"
                    + "th{background:#f3f3f3}td{text-align:right}td:first-child{text-align:left}\n"
                    + "tbody tr:nth-child(even){background:#f8f8f8}tbody tr:hover{background:#e8eefc}\n"
                    + ".wide{overflow-x:auto;max-width:100%}\n"
                    + "figure{margin:1em 0}figcaption{font-size:12px;color:#555}\n"
                    + "figure svg{max-width:100%;height:auto}\n"
                    + "p,h1,h2,h3{overflow-wrap:break-word}\n";

    private Html() {}

    /**
     * Escapes text for HTML or XML content and double-quoted attribute values: {@code & < > "}. SVG
     * is XML and is inlined into the HTML report, so {@link SvgChart} escapes with this too.
     */
    public static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    /**
     * Renders a document as one self-contained page: inline style, figures' SVG inline. Charts
     * shrink to the window's width (their SVG keeps its viewBox), wide tables scroll sideways in
     * their own box, and rows are striped so that a long table stays scannable.
     */
    static String render(Document doc, String title) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append(
                        "<meta name=\"viewport\" content=\"width=device-width,"
                                + " initial-scale=1\">\n<title>")
                .append(escape(title))
                .append("</title>\n<style>\n")
                .append(STYLE)
                .append("</style></head><body>\n");
        for (Document.Block b : doc.blocks()) {
            if (b instanceof Document.Heading h) {
                sb.append("<h")
                        .append(h.level())
                        .append('>')
                        .append(escape(h.text()))
                        .append("</h")
                        .append(h.level())
                        .append(">\n");
            } else if (b instanceof Document.Paragraph p) {
                sb.append("<p>").append(escape(p.text())).append("</p>\n");
            } else if (b instanceof Document.Table t) {
                table(sb, t);
            } else if (b instanceof Document.Figure f) {
                sb.append("<figure>")
                        .append(f.svg())
                        .append("<figcaption>")
                        .append(escape(f.file()))
                        .append("</figcaption></figure>\n");
            }
        }
        sb.append("</body></html>\n");
        return sb.toString();
    }

    private static void table(StringBuilder sb, Document.Table t) {
        // a wide table scrolls sideways inside the page instead of widening it (phones)
        sb.append("<div class=\"wide\"><table><thead><tr>");
        t.header().forEach(h -> sb.append("<th>").append(escape(h)).append("</th>"));
        sb.append("</tr></thead><tbody>\n");
        for (List<String> row : t.rows()) {
            sb.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                // the style sheet left-aligns the first column; further label columns say so
                sb.append(i > 0 && i < t.leftColumns() ? "<td style=\"text-align:left\">" : "<td>")
                        .append(escape(row.get(i)).replace("\n", "<br>"))
                        .append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</tbody></table></div>\n");
    }
}
