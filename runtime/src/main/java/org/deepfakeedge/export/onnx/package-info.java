/**
 * A small ONNX graph builder over the protobuf classes {@code ai.onnx.proto.OnnxMl}: an operator
 * enum and a naming context, as in Tribuo's {@code Util/ONNXExport}.
 */
package org.deepfakeedge.export.onnx;
