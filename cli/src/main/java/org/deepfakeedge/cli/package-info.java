/**
 * The {@code deepfake-edge} command line: picocli commands that parse options, call the library
 * (workflows, experiments, the detector, the service) and print its results. No logic of its own
 * beyond presentation; {@link org.deepfakeedge.cli.Main} is the only place that exits the process.
 */
package org.deepfakeedge.cli;
