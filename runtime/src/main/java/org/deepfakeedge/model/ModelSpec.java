package org.deepfakeedge.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A complete model: the ordered layers plus the input they expect.
 *
 * <p>The spec is the single source of truth from which the DJL block (training) and the ONNX graph
 * (deployment) are built. Construction checks that every layer's input matches the previous layer's
 * output, so an invalid spec cannot exist. Immutable and thread-safe.
 *
 * @param arch architecture name (a zoo name such as {@code teacher}, or a derived name)
 * @param imageSize input height = width in pixels
 * @param inChannels input channels (3 for RGB)
 * @param numClasses size of the output logit vector
 * @param layers the layers in execution order
 */
public record ModelSpec(
        String arch,
        @JsonProperty("image_size") int imageSize,
        @JsonProperty("in_channels") int inChannels,
        @JsonProperty("num_classes") int numClasses,
        List<Layer> layers) {

    public ModelSpec {
        if (arch == null || arch.isBlank()) {
            throw new InvalidSpecException("spec needs an arch name");
        }
        if (imageSize <= 0 || inChannels <= 0 || numClasses <= 1) {
            throw new InvalidSpecException(
                    "spec "
                            + arch
                            + ": image_size, in_channels must be > 0 and num_classes > 1, found "
                            + imageSize
                            + ", "
                            + inChannels
                            + ", "
                            + numClasses);
        }
        layers = List.copyOf(layers);
        Set<String> names = new HashSet<>();
        for (Layer l : layers) {
            if (!names.add(l.name())) {
                throw new InvalidSpecException(
                        "spec " + arch + ": duplicate layer name '" + l.name() + "'");
            }
        }
        List<Shape> shapes = inferShapes(imageSize, inChannels, layers);
        Shape last = shapes.get(shapes.size() - 1);
        if (!last.isFlat() || last.c() != numClasses) {
            throw new InvalidSpecException(
                    "spec "
                            + arch
                            + ": output must be a vector of "
                            + numClasses
                            + " logits, found "
                            + last);
        }
    }

    /**
     * The shape of one activation: (c, h, w) for feature maps, (c, 1, 1) with {@code flat} for
     * feature vectors.
     */
    public record Shape(int c, int h, int w, boolean isFlat) {
        public long size() {
            return (long) c * h * w;
        }

        @Override
        public String toString() {
            return isFlat ? "[" + c + "]" : "[" + c + "×" + h + "×" + w + "]";
        }
    }

    /** Returns the output shape of every layer, preceded by the input shape (size layers+1). */
    @JsonIgnore
    public List<Shape> shapes() {
        return inferShapes(imageSize, inChannels, layers);
    }

    /** Returns the input shape of the named layer. */
    public Shape inputShapeOf(String layerName) {
        List<Shape> shapes = shapes();
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i).name().equals(layerName)) {
                return shapes.get(i);
            }
        }
        throw new InvalidSpecException("spec " + arch + " has no layer '" + layerName + "'");
    }

    /** Returns the layer with this name. */
    public Layer layer(String name) {
        return layers.stream()
                .filter(l -> l.name().equals(name))
                .findFirst()
                .orElseThrow(
                        () ->
                                new InvalidSpecException(
                                        "spec "
                                                + arch
                                                + " has no layer '"
                                                + name
                                                + "'; layers: "
                                                + layers.stream().map(Layer::name).toList()));
    }

    /** Returns the number of trainable parameters (BatchNorm running statistics excluded). */
    @JsonIgnore
    public long parameterCount() {
        long n = 0;
        for (Layer l : layers) {
            n += parameterCount(l);
        }
        return n;
    }

    /** Returns the number of trainable parameters of one layer. */
    public static long parameterCount(Layer l) {
        if (l instanceof Layer.Conv c) {
            return c.weightCount() + (c.bias() ? c.out() : 0);
        } else if (l instanceof Layer.BatchNorm b) {
            return 2L * b.channels();
        } else if (l instanceof Layer.Linear f) {
            return (long) f.in() * f.out() + (f.bias() ? f.out() : 0);
        } else if (l instanceof Layer.DynamicQuantLinear q) {
            return (long) q.in() * q.out() + (q.bias() ? q.out() : 0);
        } else if (l instanceof Layer.Adapter a) {
            long c = a.channels();
            return c * 9 + c + c * c + c + 2 * c;
        }
        return 0;
    }

    /** Returns the multiply-accumulate operations of one forward pass of one image. */
    @JsonIgnore
    public long multiplyAdds() {
        List<Shape> shapes = shapes();
        long macs = 0;
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            Shape out = shapes.get(i + 1);
            if (l instanceof Layer.Conv c) {
                macs += out.size() * (c.in() / c.groups()) * c.kernel() * c.kernel();
            } else if (l instanceof Layer.Linear f) {
                macs += (long) f.in() * f.out();
            } else if (l instanceof Layer.DynamicQuantLinear q) {
                macs += (long) q.in() * q.out();
            } else if (l instanceof Layer.Adapter a) {
                macs += (long) out.h() * out.w() * a.channels() * (9 + a.channels());
            }
        }
        return macs;
    }

    /**
     * Returns a copy whose layers are replaced by {@code edit(layers)}; the result is re-checked.
     */
    public ModelSpec withLayers(UnaryOperator<List<Layer>> edit) {
        return new ModelSpec(
                arch, imageSize, inChannels, numClasses, edit.apply(new ArrayList<>(layers)));
    }

    private static List<Shape> inferShapes(int size, int channels, List<Layer> layers) {
        List<Shape> out = new ArrayList<>(layers.size() + 1);
        Shape s = new Shape(channels, size, size, false);
        out.add(s);
        for (Layer l : layers) {
            s = next(s, l);
            out.add(s);
        }
        return out;
    }

    private static Shape next(Shape s, Layer l) {
        if (l instanceof Layer.Conv c) {
            requireMap(s, l);
            if (s.c() != c.in()) {
                throw mismatch(l, c.in() + " input channels", s);
            }
            int h = (s.h() + 2 * c.padding() - c.kernel()) / c.stride() + 1;
            int w = (s.w() + 2 * c.padding() - c.kernel()) / c.stride() + 1;
            if (h <= 0 || w <= 0) {
                throw mismatch(l, "an input of at least " + c.kernel() + " pixels", s);
            }
            return new Shape(c.out(), h, w, false);
        } else if (l instanceof Layer.BatchNorm b) {
            requireMap(s, l);
            if (s.c() != b.channels()) {
                throw mismatch(l, b.channels() + " channels", s);
            }
            return s;
        } else if (l instanceof Layer.MaxPool p) {
            requireMap(s, l);
            int h = (s.h() - p.kernel()) / p.stride() + 1;
            int w = (s.w() - p.kernel()) / p.stride() + 1;
            if (h <= 0 || w <= 0) {
                throw mismatch(
                        l,
                        "an input of at least "
                                + p.kernel()
                                + " pixels (use an image size that is a multiple of 32)",
                        s);
            }
            return new Shape(s.c(), h, w, false);
        } else if (l instanceof Layer.Flatten) {
            long n = s.size();
            return new Shape((int) n, 1, 1, true);
        } else if (l instanceof Layer.Linear f) {
            if (!s.isFlat()) {
                throw mismatch(l, "a flat vector (add a flatten layer before it)", s);
            }
            if (s.c() != f.in()) {
                throw mismatch(l, f.in() + " input features", s);
            }
            return new Shape(f.out(), 1, 1, true);
        } else if (l instanceof Layer.Adapter a) {
            requireMap(s, l);
            if (s.c() != a.channels()) {
                throw mismatch(l, a.channels() + " channels", s);
            }
            return s;
        } else if (l instanceof Layer.DynamicQuantLinear q) {
            if (!s.isFlat() || s.c() != q.in()) {
                throw mismatch(l, "a flat vector of " + q.in() + " features", s);
            }
            return new Shape(q.out(), 1, 1, true);
        }
        return s; // relu, dropout: shape preserving
    }

    private static void requireMap(Shape s, Layer l) {
        if (s.isFlat()) {
            throw mismatch(l, "a C×H×W feature map", s);
        }
    }

    private static InvalidSpecException mismatch(Layer l, String expected, Shape found) {
        return new InvalidSpecException(
                "layer '" + l.name() + "' expects " + expected + ", found input " + found);
    }
}
