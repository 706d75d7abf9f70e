/**
 * deepfake-edge: train DeepFake image detectors, compress them for edge devices, transfer them to
 * new data, deploy them and measure every result.
 *
 * <p>This root package holds only the exception family shared by all concerns; each concern has its
 * own sub-package (model, data, train, eval, compress, transfer, export, runtime, report, cli).
 */
package org.deepfakeedge;
