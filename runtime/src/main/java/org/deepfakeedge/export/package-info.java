/**
 * Export of model artifacts to ONNX (fp32) for ONNX Runtime: {@link
 * org.deepfakeedge.export.OnnxExporter} builds the graph from the layer spec; the train module's
 * {@code org.deepfakeedge.verify.ExportVerifier} checks it against DJL.
 */
package org.deepfakeedge.export;
