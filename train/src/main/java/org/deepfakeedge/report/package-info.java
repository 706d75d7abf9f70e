/**
 * Reports: documents composed from the {@code render} primitives and read only from files (an
 * artifact's {@code model.json} and {@code metrics.json}, an experiment's {@code results.json}),
 * read strictly into their records, so a report can be re-made without re-running anything and a
 * renamed field fails instead of rendering as "–". {@link org.deepfakeedge.report.ExperimentReport}
 * renders an experiment; {@link org.deepfakeedge.report.MarkdownReport} the model table of {@code
 * report MODEL...}.
 */
package org.deepfakeedge.report;
