/**
 * A small ONNX graph builder over the protobuf classes {@code ai.onnx.proto.OnnxMl}: an operator
 * enum and a naming context, as in Tribuo's {@code Util/ONNXExport}; and {@link
 * org.deepfakeedge.export.onnx.QOperatorRewrite}, which re-encodes a QDQ INT8 graph in the
 * QOperator form for runtimes that do not fuse QDQ (OpenCV's DNN module).
 */
package org.deepfakeedge.export.onnx;
