/**
 * Rendering: the one place that writes Markdown, HTML and SVG. A {@link
 * org.deepfakeedge.render.Document} of headings, paragraphs, tables and figures renders to both
 * {@link org.deepfakeedge.render.Markdown} and {@link org.deepfakeedge.render.Html}; figures are
 * {@link org.deepfakeedge.render.SvgChart}s, written by hand so that they need no drawing library,
 * inline into one self-contained HTML file and come out byte-identical on every machine; numbers
 * are formatted by {@link org.deepfakeedge.render.Format}.
 *
 * <p>One escaping function per format: {@link org.deepfakeedge.render.Markdown#escape} for Markdown
 * table cells and {@link org.deepfakeedge.render.Html#escape} for HTML, which SVG (XML, inlined
 * into the HTML) shares. Pure Java, no dependencies, no knowledge of models or experiments: the
 * documents themselves are composed elsewhere (the {@code report} package of the training module,
 * the ROC curve of {@code evaluate}).
 */
package org.deepfakeedge.render;
