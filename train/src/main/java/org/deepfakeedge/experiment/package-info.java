/**
 * Experiments: a spec (YAML) expands into cells (method × level × dataset), each run once and
 * recorded last, so an interrupted experiment resumes where it stopped; {@link
 * org.deepfakeedge.experiment.ExperimentResults} gathers the cells' records and metrics into {@code
 * results.json}, from which the {@code report} package renders the paper's tables and charts.
 */
package org.deepfakeedge.experiment;
