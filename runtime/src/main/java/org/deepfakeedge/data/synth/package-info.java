/**
 * A deterministic generator of synthetic image-classification datasets, so that the demo and the
 * tests need no downloaded data.
 *
 * <p>{@link org.deepfakeedge.data.synth.SyntheticDatasets#write SyntheticDatasets.write} renders a
 * {@link org.deepfakeedge.data.synth.SynthSpec} into the standard folder layout {@code
 * OUT/{train,val,test}/{real,fake}/...png}. Real images imitate natural-image statistics (roughly
 * 1/f amplitude spectra, shading, occluding shapes, textures, signal-dependent sensor noise). Fake
 * images come from the same scene renderer and then carry the fingerprint of one generator family:
 * {@code checkerboard} (transposed-convolution upsampling, as in GANs), {@code smooth} (over-smooth
 * autoencoder/diffusion reconstructions without sensor noise) or {@code spectral} (periodic
 * spectral peaks). The task {@code shapes} is an unrelated two-class problem (round vs angular
 * dominant object) for cross-task transfer experiments.
 *
 * <p>Every image is a pure function of (seed, split, class, index), so generation runs in parallel
 * and the same spec always gives byte-identical files.
 */
package org.deepfakeedge.data.synth;
