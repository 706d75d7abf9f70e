package org.deepfakeedge.runtime;

import org.deepfakeedge.eval.UnsureBand;

/**
 * The verdict on one image.
 *
 * @param pFake probability of the positive class (fake)
 * @param label class name decided at the threshold ({@code fake} when pFake ≥ threshold), or
 *     {@value UnsureBand#LABEL} inside an abstain band ({@link #within})
 * @param threshold the model's decision threshold
 */
public record Detection(double pFake, String label, double threshold) {
    /** Returns true if the image was judged fake (pFake ≥ threshold, whatever the label says). */
    public boolean isFake() {
        return pFake >= threshold;
    }

    /**
     * Returns this verdict labelled {@value UnsureBand#LABEL} if {@code band} contains pFake, else
     * this verdict; {@code band} null means no band.
     */
    public Detection within(UnsureBand band) {
        return band != null && band.contains(pFake)
                ? new Detection(pFake, UnsureBand.LABEL, threshold)
                : this;
    }
}
