/**
 * Export of model artifacts to ONNX (fp32) for ONNX Runtime: {@link
 * org.deepfakeedge.export.OnnxExporter} builds the graph from the layer spec; the train module's
 * {@code org.deepfakeedge.verify.ExportVerifier} checks it against DJL. {@link
 * org.deepfakeedge.export.Int8Exporter} writes static INT8, as QDQ for ONNX Runtime or, because
 * OpenCV's DNN module refuses QDQ weights, in the portable QOperator form.
 */
package org.deepfakeedge.export;
