package org.deepfakeedge.model;

import java.util.Arrays;

/**
 * A dense float tensor in row-major order: the engine-independent form of one weight array.
 *
 * <p>The record holds its arrays by reference (no defensive copy, because weight arrays are large);
 * treat a tensor handed to another component as read-only and use {@link #copy()} before modifying.
 *
 * @param shape dimensions, outermost first
 * @param data values, {@code product(shape)} of them
 */
public record Tensor(int[] shape, float[] data) {

    public Tensor {
        long n = 1;
        for (int d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException(
                        "tensor dims must be > 0, found " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException(
                    "tensor shape "
                            + Arrays.toString(shape)
                            + " needs "
                            + n
                            + " values, found "
                            + data.length);
        }
    }

    /** Returns a zero tensor of the given shape. */
    public static Tensor zeros(int... shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return new Tensor(shape.clone(), new float[Math.toIntExact(n)]);
    }

    /** Returns a tensor filled with {@code value}. */
    public static Tensor filled(float value, int... shape) {
        Tensor t = zeros(shape);
        Arrays.fill(t.data, value);
        return t;
    }

    /** Returns the number of elements. */
    public int size() {
        return data.length;
    }

    /** Returns the number of non-zero elements. */
    public long nonZero() {
        long n = 0;
        for (float v : data) {
            if (v != 0f) {
                n++;
            }
        }
        return n;
    }

    /** Returns a deep copy. */
    public Tensor copy() {
        return new Tensor(shape.clone(), data.clone());
    }

    /** Returns true if the shapes and all values are identical (bit-wise for NaN-free data). */
    public boolean sameAs(Tensor o) {
        return Arrays.equals(shape, o.shape) && Arrays.equals(data, o.data);
    }

    @Override
    public String toString() {
        return "Tensor" + Arrays.toString(shape);
    }
}
