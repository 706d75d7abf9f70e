package org.deepfakeedge.render;

import java.util.ArrayList;
import java.util.List;

/**
 * A report as a list of blocks (headings, paragraphs, tables, figures) that renders to {@link
 * #markdown() Markdown} and {@link #html(String) HTML} alike, so the two files always say the same.
 * Texts are plain: each renderer escapes them for its format.
 */
public final class Document {

    /** A block of the document. */
    public sealed interface Block permits Heading, Paragraph, Table, Figure {}

    /**
     * A heading.
     *
     * @param level 1 (title) to 6
     * @param text the heading
     */
    public record Heading(int level, String text) implements Block {
        public Heading {
            if (level < 1 || level > 6) {
                throw new IllegalArgumentException("heading level must be 1..6, found " + level);
            }
        }
    }

    /**
     * A paragraph.
     *
     * @param text one line of text
     */
    public record Paragraph(String text) implements Block {}

    /**
     * A table: the first {@code leftColumns} columns are labels (left-aligned), the others numbers
     * (right-aligned).
     *
     * @param header column titles
     * @param rows cells, as many per row as the header; a cell may hold several lines ("\n")
     * @param leftColumns how many leading columns are left-aligned, at least 1
     */
    public record Table(List<String> header, List<List<String>> rows, int leftColumns)
            implements Block {
        public Table {
            header = List.copyOf(header);
            rows = rows.stream().map(List::copyOf).toList();
            if (leftColumns < 1) {
                throw new IllegalArgumentException("leftColumns must be >= 1");
            }
        }

        /** A table whose first column holds the labels. */
        public Table(List<String> header, List<List<String>> rows) {
            this(header, rows, 1);
        }
    }

    /**
     * A figure: an SVG chart, inlined in HTML and linked as a file from Markdown.
     *
     * @param file the SVG file's path relative to the document
     * @param title the chart's title (the Markdown image's text)
     * @param svg the SVG document
     */
    public record Figure(String file, String title, String svg) implements Block {}

    private final List<Block> blocks = new ArrayList<>();

    /** Adds a heading. */
    public Document heading(int level, String text) {
        blocks.add(new Heading(level, text));
        return this;
    }

    /** Adds a paragraph. */
    public Document paragraph(String text) {
        blocks.add(new Paragraph(text));
        return this;
    }

    /** Adds a table whose first column holds the labels. */
    public Document table(List<String> header, List<List<String>> rows) {
        blocks.add(new Table(header, rows));
        return this;
    }

    /** Adds a table whose first {@code leftColumns} columns hold labels. */
    public Document table(List<String> header, List<List<String>> rows, int leftColumns) {
        blocks.add(new Table(header, rows, leftColumns));
        return this;
    }

    /** Adds a rendered chart as a figure stored in {@code file}. */
    public Document figure(String file, SvgChart chart) {
        blocks.add(new Figure(file, chart.title(), chart.render()));
        return this;
    }

    /** The blocks, in order. */
    public List<Block> blocks() {
        return List.copyOf(blocks);
    }

    /** The figures, in order. */
    public List<Figure> figures() {
        return blocks.stream().filter(Figure.class::isInstance).map(Figure.class::cast).toList();
    }

    /** Renders the document as Markdown. */
    public String markdown() {
        return Markdown.render(this);
    }

    /** Renders the document as one self-contained HTML page (figures inline). */
    public String html(String title) {
        return Html.render(this, title);
    }
}
