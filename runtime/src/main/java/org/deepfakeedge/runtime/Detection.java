package org.deepfakeedge.runtime;

/**
 * The verdict on one image.
 *
 * @param pFake probability of the positive class (fake)
 * @param label class name decided at the threshold ({@code fake} when pFake ≥ threshold)
 * @param threshold the model's decision threshold
 */
public record Detection(double pFake, String label, double threshold) {
    /** Returns true if the image was judged fake. */
    public boolean isFake() {
        return pFake >= threshold;
    }
}
