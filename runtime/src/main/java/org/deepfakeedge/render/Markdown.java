package org.deepfakeedge.render;

import java.util.List;

/** Markdown output: the document renderer, tables, and the one Markdown escaping function. */
public final class Markdown {
    private Markdown() {}

    /**
     * Escapes text for a table cell: a pipe would end the cell and a line break the row, so they
     * become {@code \|} and {@code <br>}. Headings and paragraphs are written as given.
     */
    public static String escape(String text) {
        return text.replace("|", "\\|").replace("\n", "<br>");
    }

    /**
     * A table: header, alignment row (the first {@code leftColumns} columns left-aligned, the rest
     * right-aligned), one line per row; each line ends with a newline, no blank line follows.
     */
    public static String table(List<String> header, List<List<String>> rows, int leftColumns) {
        StringBuilder sb = new StringBuilder();
        row(sb, header);
        sb.append('|');
        for (int i = 0; i < header.size(); i++) {
            sb.append(i < leftColumns ? "---|" : "---:|");
        }
        sb.append('\n');
        for (List<String> r : rows) {
            row(sb, r);
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, List<String> cells) {
        sb.append("| ");
        sb.append(String.join(" | ", cells.stream().map(Markdown::escape).toList()));
        sb.append(" |\n");
    }

    /** Renders a document: blocks separated by blank lines, figures as image links. */
    static String render(Document doc) {
        StringBuilder sb = new StringBuilder();
        for (Document.Block b : doc.blocks()) {
            if (b instanceof Document.Heading h) {
                sb.append("#".repeat(h.level())).append(' ').append(h.text()).append("\n\n");
            } else if (b instanceof Document.Paragraph p) {
                sb.append(p.text()).append("\n\n");
            } else if (b instanceof Document.Table t) {
                sb.append(table(t.header(), t.rows(), t.leftColumns())).append('\n');
            } else if (b instanceof Document.Figure f) {
                sb.append("![").append(f.title()).append("](").append(f.file()).append(")\n\n");
            }
        }
        return sb.toString();
    }
}
