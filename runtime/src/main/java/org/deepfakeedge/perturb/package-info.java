/**
 * Deterministic image perturbations for robustness evaluation: JPEG re-compression, down-and-up
 * resizing, Gaussian blur, additive Gaussian noise, centre crop, and chains of them ({@code
 * resize:0.5+jpeg:75}, the preset {@code social}).
 *
 * <p>A {@link org.deepfakeedge.perturb.Perturbation} changes a decoded RGB image before the model's
 * preprocessing (resize, normalisation) sees it, the way a shared photo is degraded before anyone
 * runs a detector on it. {@link org.deepfakeedge.perturb.PerturbationParser} reads the command-line
 * syntax. Pure Java (ImageIO and the {@code data} package's resampler, blur and JPEG codec); no
 * engine. Every type here is immutable and thread-safe. See {@code docs/robustness.md}.
 */
package org.deepfakeedge.perturb;
