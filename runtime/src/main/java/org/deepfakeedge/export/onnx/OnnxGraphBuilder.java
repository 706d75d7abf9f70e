package org.deepfakeedge.export.onnx;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deepfakeedge.model.Tensor;

/**
 * Assembles one ONNX graph: initializers, nodes with unique names, and the model wrapper.
 *
 * <p>A naming context in the manner of Tribuo's {@code ONNXContext}: node names are {@code
 * <context>/<OpType>} made unique with a counter, and initializer and value names are checked for
 * collisions, so a bad call fails here instead of at load time in the runtime. Not thread-safe: one
 * builder per export.
 */
public final class OnnxGraphBuilder {
    /** The ONNX IR version written (ONNX 1.13+, read by every current runtime). */
    public static final long IR_VERSION = 8;

    /** The default-domain opset imported. */
    public static final long OPSET = 17;

    private final List<OnnxMl.NodeProto.Builder> nodes = new ArrayList<>();
    private final List<OnnxMl.TensorProto> initializers = new ArrayList<>();
    private final Set<String> valueNames = new HashSet<>();
    private final Map<String, Integer> nodeCounts = new LinkedHashMap<>();
    private final List<String> extraOutputs = new ArrayList<>();

    /** Adds a float32 initializer with the tensor's shape; returns its name. */
    public String floatInitializer(String name, Tensor t) {
        return floatInitializer(name, t.shape(), t.data());
    }

    /** Adds a float32 initializer; returns its name. */
    public String floatInitializer(String name, int[] shape, float[] data) {
        ByteBuffer buf = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(data);
        return initializer(name, OnnxMl.TensorProto.DataType.FLOAT, shape, buf.array());
    }

    /** Adds an int8 initializer from integer-valued floats in [−128, 127]; returns its name. */
    public String int8Initializer(String name, int[] shape, float[] values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            float v = values[i];
            if (v != Math.rint(v) || v < -128 || v > 127) {
                throw new IllegalArgumentException(
                        name + ": value " + v + " at " + i + " is not an int8");
            }
            b[i] = (byte) v;
        }
        return initializer(name, OnnxMl.TensorProto.DataType.INT8, shape, b);
    }

    /** Adds an int8 initializer from raw bytes; returns its name. */
    public String int8Initializer(String name, int[] shape, byte[] values) {
        return initializer(name, OnnxMl.TensorProto.DataType.INT8, shape, values.clone());
    }

    /** Adds a uint8 initializer from values in [0, 255]; returns its name. */
    public String uint8Initializer(String name, int[] shape, int[] values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] < 0 || values[i] > 255) {
                throw new IllegalArgumentException(
                        name + ": value " + values[i] + " at " + i + " is not a uint8");
            }
            b[i] = (byte) values[i];
        }
        return initializer(name, OnnxMl.TensorProto.DataType.UINT8, shape, b);
    }

    /** Adds an int32 initializer; returns its name. */
    public String int32Initializer(String name, int[] shape, int[] values) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asIntBuffer().put(values);
        return initializer(name, OnnxMl.TensorProto.DataType.INT32, shape, buf.array());
    }

    /**
     * Declares an existing value as an additional float32 graph output of unspecified shape (used
     * to read intermediate tensors, e.g. for calibration).
     */
    public void extraOutput(String name) {
        if (!valueNames.contains(name)) {
            throw new IllegalArgumentException("no ONNX value named '" + name + "'");
        }
        extraOutputs.add(name);
    }

    private String initializer(
            String name, OnnxMl.TensorProto.DataType type, int[] shape, byte[] raw) {
        claim(name);
        OnnxMl.TensorProto.Builder t =
                OnnxMl.TensorProto.newBuilder()
                        .setName(name)
                        .setDataType(type.getNumber())
                        .setRawData(ByteString.copyFrom(raw));
        for (int d : shape) {
            t.addDims(d);
        }
        initializers.add(t.build());
        return name;
    }

    /**
     * Adds a node with one output.
     *
     * @param op the operator
     * @param context naming context, usually the spec layer's name
     * @param output the output value name (unique in the graph)
     * @param inputs input value names
     * @return a handle for adding attributes
     */
    public Node node(OnnxOp op, String context, String output, String... inputs) {
        op.checkArity(inputs.length);
        claim(output);
        String base = context + "/" + op.opType();
        int k = nodeCounts.merge(base, 1, Integer::sum);
        OnnxMl.NodeProto.Builder n =
                OnnxMl.NodeProto.newBuilder()
                        .setName(k == 1 ? base : base + "_" + k)
                        .setOpType(op.opType())
                        .addOutput(output);
        for (String in : inputs) {
            n.addInput(in);
        }
        nodes.add(n);
        return new Node(n);
    }

    /** Renames the value {@code from} (the output of the last node producing it) to {@code to}. */
    public void renameOutput(String from, String to) {
        claim(to);
        for (OnnxMl.NodeProto.Builder n : nodes) {
            for (int i = 0; i < n.getOutputCount(); i++) {
                if (n.getOutput(i).equals(from)) {
                    n.setOutput(i, to);
                }
            }
            for (int i = 0; i < n.getInputCount(); i++) {
                if (n.getInput(i).equals(from)) {
                    n.setInput(i, to);
                }
            }
        }
    }

    /**
     * Builds the model.
     *
     * @param graphName the graph's name
     * @param input the float32 input value, shape {@code [N, dims...]} with a symbolic batch
     * @param inputDims the input's non-batch dimensions
     * @param output the float32 output value, shape {@code [N, outputDim]}
     * @param outputDim the output's feature dimension
     * @param producerVersion written as {@code producer_version}
     * @param metadata {@code metadata_props} entries
     */
    public OnnxMl.ModelProto build(
            String graphName,
            String input,
            int[] inputDims,
            String output,
            int outputDim,
            String producerVersion,
            Map<String, String> metadata) {
        return build(
                graphName,
                List.of(valueInfo(input, inputDims)),
                List.of(valueInfo(output, new int[] {outputDim})),
                producerVersion,
                metadata);
    }

    /**
     * Builds the model with explicit graph inputs and outputs (e.g. the uint8 tensors of a
     * one-layer graph used to time a layer; see {@link #tensorValue}).
     */
    public OnnxMl.ModelProto build(
            String graphName,
            List<OnnxMl.ValueInfoProto> inputs,
            List<OnnxMl.ValueInfoProto> outputs,
            String producerVersion,
            Map<String, String> metadata) {
        OnnxMl.GraphProto.Builder g =
                OnnxMl.GraphProto.newBuilder()
                        .setName(graphName)
                        .addAllInput(inputs)
                        .addAllOutput(outputs)
                        .addAllInitializer(initializers);
        for (String extra : extraOutputs) {
            g.addOutput(
                    OnnxMl.ValueInfoProto.newBuilder()
                            .setName(extra)
                            .setType(
                                    OnnxMl.TypeProto.newBuilder()
                                            .setTensorType(
                                                    OnnxMl.TypeProto.Tensor.newBuilder()
                                                            .setElemType(
                                                                    OnnxMl.TensorProto.DataType
                                                                            .FLOAT
                                                                            .getNumber()))));
        }
        for (OnnxMl.NodeProto.Builder n : nodes) {
            g.addNode(n.build());
        }
        OnnxMl.ModelProto.Builder m =
                OnnxMl.ModelProto.newBuilder()
                        .setIrVersion(IR_VERSION)
                        .addOpsetImport(
                                OnnxMl.OperatorSetIdProto.newBuilder()
                                        .setDomain("")
                                        .setVersion(OPSET))
                        .setProducerName("deepfake-edge")
                        .setProducerVersion(producerVersion)
                        .setGraph(g);
        metadata.forEach(
                (k, v) ->
                        m.addMetadataProps(
                                OnnxMl.StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        return m.build();
    }

    /** A graph input/output of element type {@code type} and fixed shape {@code dims}. */
    public static OnnxMl.ValueInfoProto tensorValue(
            String name, OnnxMl.TensorProto.DataType type, long... dims) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder();
        for (long d : dims) {
            shape.addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return value(name, type, shape);
    }

    /** A float input/output with a dynamic batch dimension {@code N} before {@code dims}. */
    private static OnnxMl.ValueInfoProto valueInfo(String name, int[] dims) {
        OnnxMl.TensorShapeProto.Builder shape =
                OnnxMl.TensorShapeProto.newBuilder()
                        .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("N"));
        for (int d : dims) {
            shape.addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return value(name, OnnxMl.TensorProto.DataType.FLOAT, shape);
    }

    private static OnnxMl.ValueInfoProto value(
            String name, OnnxMl.TensorProto.DataType type, OnnxMl.TensorShapeProto.Builder shape) {
        return OnnxMl.ValueInfoProto.newBuilder()
                .setName(name)
                .setType(
                        OnnxMl.TypeProto.newBuilder()
                                .setTensorType(
                                        OnnxMl.TypeProto.Tensor.newBuilder()
                                                .setElemType(type.getNumber())
                                                .setShape(shape)))
                .build();
    }

    private void claim(String name) {
        if (!valueNames.add(name)) {
            throw new IllegalArgumentException("ONNX value name '" + name + "' is used twice");
        }
    }

    /** A node under construction: adds attributes. Not thread-safe. */
    public static final class Node {
        private final OnnxMl.NodeProto.Builder proto;

        private Node(OnnxMl.NodeProto.Builder proto) {
            this.proto = proto;
        }

        /** Adds an integer attribute. */
        public Node attr(String name, long value) {
            proto.addAttribute(
                    OnnxMl.AttributeProto.newBuilder()
                            .setName(name)
                            .setType(OnnxMl.AttributeProto.AttributeType.INT)
                            .setI(value));
            return this;
        }

        /** Adds a float attribute. */
        public Node attr(String name, float value) {
            proto.addAttribute(
                    OnnxMl.AttributeProto.newBuilder()
                            .setName(name)
                            .setType(OnnxMl.AttributeProto.AttributeType.FLOAT)
                            .setF(value));
            return this;
        }

        /** Adds an integer-list attribute. */
        public Node attr(String name, long... values) {
            OnnxMl.AttributeProto.Builder a =
                    OnnxMl.AttributeProto.newBuilder()
                            .setName(name)
                            .setType(OnnxMl.AttributeProto.AttributeType.INTS);
            for (long v : values) {
                a.addInts(v);
            }
            proto.addAttribute(a);
            return this;
        }

        /** Sets the node's documentation string. */
        public Node doc(String text) {
            proto.setDocString(text);
            return this;
        }
    }
}
