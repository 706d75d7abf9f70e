/**
 * Quantization: the paper's dynamic INT8 of linear layers; full static INT8 of every layer is done
 * by the ONNX export.
 */
package org.deepfakeedge.compress.quantize;
