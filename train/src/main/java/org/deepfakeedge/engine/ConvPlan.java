package org.deepfakeedge.engine;

/**
 * How one convolution is handed to libtorch so that its oneDNN kernel computes it correctly: the
 * memory layout of its input, the channel multiple its channel counts are padded to, and whether a
 * grouped convolution with several outputs per input channel runs as a depthwise one.
 *
 * @param layout {@code channels-last} or {@code nchw} (see {@link MemoryFormat})
 * @param alignment 0 for the channel counts as they are, otherwise 16 or 32: input channels (when
 *     at least 16) and output channels are zero-padded to a multiple of it
 * @param depthwise true to repeat each input channel {@code out / in} times and run one output per
 *     group (only for convolutions with one input channel per group and several outputs)
 */
record ConvPlan(String layout, int alignment, boolean depthwise) {
    private static final String DEPTHWISE = "+depthwise";

    ConvPlan {
        if (!layout.equals(MemoryFormat.CHANNELS_LAST) && !layout.equals(MemoryFormat.NCHW)) {
            throw new IllegalArgumentException(
                    "layout must be channels-last or nchw, found " + layout);
        }
        if (alignment != 0 && alignment != 16 && alignment != 32) {
            throw new IllegalArgumentException("alignment must be 0, 16 or 32, found " + alignment);
        }
        if (depthwise && alignment != 0) {
            throw new IllegalArgumentException("a depthwise plan pads no channels");
        }
    }

    ConvPlan(String layout, int alignment) {
        this(layout, alignment, false);
    }

    /**
     * Text for the decision file: {@code channels-last}, {@code nchw/16}, {@code
     * channels-last+depthwise}.
     */
    String text() {
        return (alignment == 0 ? layout : layout + "/" + alignment) + (depthwise ? DEPTHWISE : "");
    }

    static ConvPlan parse(String text) {
        boolean depthwise = text.endsWith(DEPTHWISE);
        String t = depthwise ? text.substring(0, text.length() - DEPTHWISE.length()) : text;
        int slash = t.indexOf('/');
        return slash < 0
                ? new ConvPlan(t, 0, depthwise)
                : new ConvPlan(
                        t.substring(0, slash), Integer.parseInt(t.substring(slash + 1)), depthwise);
    }
}
