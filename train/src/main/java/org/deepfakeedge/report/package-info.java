/**
 * Reports: rendered only from artifacts' {@code model.json} and {@code metrics.json}, so a report
 * can be re-made without re-running anything.
 */
package org.deepfakeedge.report;
