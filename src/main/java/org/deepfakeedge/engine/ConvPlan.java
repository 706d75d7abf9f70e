package org.deepfakeedge.engine;

/**
 * How one convolution is handed to libtorch so that its oneDNN kernel computes it correctly: the
 * memory layout of its input and the channel multiple its channel counts are padded to.
 *
 * @param layout {@code channels-last} or {@code nchw} (see {@link MemoryFormat})
 * @param alignment 0 for the channel counts as they are, otherwise 16 or 32: input channels (when at
 *     least 16) and output channels are zero-padded to a multiple of it
 */
record ConvPlan(String layout, int alignment) {
    ConvPlan {
        if (!layout.equals(MemoryFormat.CHANNELS_LAST) && !layout.equals(MemoryFormat.NCHW)) {
            throw new IllegalArgumentException("layout must be channels-last or nchw, found " + layout);
        }
        if (alignment != 0 && alignment != 16 && alignment != 32) {
            throw new IllegalArgumentException("alignment must be 0, 16 or 32, found " + alignment);
        }
    }

    /** Text for the decision file: {@code channels-last}, {@code nchw/16}, ... */
    String text() {
        return alignment == 0 ? layout : layout + "/" + alignment;
    }

    static ConvPlan parse(String text) {
        int slash = text.indexOf('/');
        return slash < 0 ? new ConvPlan(text, 0)
                : new ConvPlan(text.substring(0, slash), Integer.parseInt(text.substring(slash + 1)));
    }
}
