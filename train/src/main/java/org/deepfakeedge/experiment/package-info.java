/**
 * Experiments: a spec (YAML) expands into cells (method × level × dataset), each run once and
 * recorded last, so an interrupted experiment resumes where it stopped; the report gathers the
 * cells' records into the paper's tables and charts.
 */
package org.deepfakeedge.experiment;
