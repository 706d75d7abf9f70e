package org.deepfakeedge.artifact;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import org.deepfakeedge.ArtifactException;
import org.deepfakeedge.model.Tensor;
import org.deepfakeedge.model.Weights;

/**
 * Our weights file format: named tensors, each stored densely or sparsely, whichever is smaller.
 *
 * <p>Layout (big-endian header fields, little-endian payload): magic {@code DFEW}, format version,
 * tensor count; per tensor its UTF name, encoding byte, rank, dims, then the payload. Encodings:
 * {@code 0} dense float32; {@code 1} sparse — a bitmap of non-zero positions followed by the
 * non-zero float32 values; {@code 2} int8 — one signed byte per value, chosen automatically (and
 * losslessly) for tensors whose values are all integers in [−128, 127], such as quantized weights.
 * A pruned layer that keeps 10% of its weights takes 1/8 + 0.1·4 ≈ 0.53 bytes per weight instead of
 * 4, so pruning really shrinks the file (the paper's pruned files did not). Integrity is checked by
 * the SHA-256 recorded in {@code model.json}, not here.
 */
public final class WeightsCodec {
    static final int MAGIC = 0x44464557; // "DFEW"
    static final int VERSION = 1;
    static final byte DENSE = 0;
    static final byte SPARSE = 1;
    static final byte INT8 = 2;

    private WeightsCodec() {}

    /** Writes all tensors. */
    public static void write(Weights weights, OutputStream os) throws IOException {
        DataOutputStream out = new DataOutputStream(os);
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        Map<String, Tensor> all = weights.asMap();
        out.writeInt(all.size());
        for (var e : all.entrySet()) {
            Tensor t = e.getValue();
            out.writeUTF(e.getKey());
            long nnz = t.nonZero();
            int n = t.size();
            long sparseBytes = (n + 7) / 8 + 4L * nnz;
            boolean int8 = isInt8(t.data()) && n <= sparseBytes;
            boolean sparse = !int8 && sparseBytes < 4L * n;
            out.writeByte(int8 ? INT8 : sparse ? SPARSE : DENSE);
            out.writeInt(t.shape().length);
            for (int d : t.shape()) {
                out.writeInt(d);
            }
            float[] d = t.data();
            if (int8) {
                byte[] b = new byte[n];
                for (int i = 0; i < n; i++) {
                    b[i] = (byte) d[i];
                }
                out.write(b);
            } else if (sparse) {
                byte[] bitmap = new byte[(n + 7) / 8];
                ByteBuffer vals =
                        ByteBuffer.allocate(Math.toIntExact(4 * nnz))
                                .order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < n; i++) {
                    if (d[i] != 0f) {
                        bitmap[i >>> 3] |= (byte) (1 << (i & 7));
                        vals.putFloat(d[i]);
                    }
                }
                out.writeInt(Math.toIntExact(nnz));
                out.write(bitmap);
                out.write(vals.array());
            } else {
                ByteBuffer buf = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
                buf.asFloatBuffer().put(d);
                out.write(buf.array());
            }
        }
        out.flush();
    }

    /** True if every value is an integer in [−128, 127] (so int8 storage is exact). */
    static boolean isInt8(float[] d) {
        if (d.length < 16) {
            return false; // not worth it, and keeps small metadata tensors readable as floats
        }
        for (float v : d) {
            if (v != Math.rint(v) || v < -128 || v > 127 || (v == 0f && 1 / v < 0)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads tensors written by {@link #write}.
     *
     * @param source file name for error messages
     * @throws ArtifactException if the stream is not a weights file or is truncated
     */
    public static Weights read(InputStream is, String source) throws IOException {
        DataInputStream in = new DataInputStream(is);
        try {
            if (in.readInt() != MAGIC) {
                throw new ArtifactException(
                        source + " is not a deepfake-edge weights file (bad magic)");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new ArtifactException(
                        source
                                + " has weights format version "
                                + version
                                + ", this build reads "
                                + VERSION
                                + "; upgrade deepfake-edge");
            }
            int count = in.readInt();
            Weights w = new Weights();
            for (int k = 0; k < count; k++) {
                String name = in.readUTF();
                byte enc = in.readByte();
                int rank = in.readInt();
                if (rank < 0 || rank > 8) {
                    throw new ArtifactException(
                            source + ": corrupt tensor header for '" + name + "'");
                }
                int[] shape = new int[rank];
                long n = 1;
                for (int i = 0; i < rank; i++) {
                    shape[i] = in.readInt();
                    n *= shape[i];
                }
                if (n <= 0 || n > Integer.MAX_VALUE) {
                    throw new ArtifactException(
                            source + ": corrupt shape for tensor '" + name + "'");
                }
                float[] d = new float[(int) n];
                if (enc == DENSE) {
                    byte[] raw = new byte[4 * (int) n];
                    in.readFully(raw);
                    ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(d);
                } else if (enc == INT8) {
                    byte[] raw = new byte[(int) n];
                    in.readFully(raw);
                    for (int i = 0; i < n; i++) {
                        d[i] = raw[i];
                    }
                } else if (enc == SPARSE) {
                    int nnz = in.readInt();
                    byte[] bitmap = new byte[((int) n + 7) / 8];
                    in.readFully(bitmap);
                    byte[] raw = new byte[4 * nnz];
                    in.readFully(raw);
                    var vals = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
                    for (int i = 0; i < n; i++) {
                        if ((bitmap[i >>> 3] & (1 << (i & 7))) != 0) {
                            d[i] = vals.get();
                        }
                    }
                } else {
                    throw new ArtifactException(
                            source + ": unknown encoding " + enc + " for tensor '" + name + "'");
                }
                w.put(name, new Tensor(shape, d));
            }
            return w;
        } catch (EOFException | java.nio.BufferUnderflowException e) {
            throw new ArtifactException(
                    source + " is truncated; re-create or re-copy the model", e);
        }
    }
}
