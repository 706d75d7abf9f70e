/**
 * Loading image data sets for real-vs-fake detectors: layout detection, decoding, preprocessing,
 * augmentation and batching.
 *
 * <p>{@link org.deepfakeedge.data.DatasetLoader#open DatasetLoader.open} scans a folder (or a CSV
 * manifest) without decoding any image and returns an immutable {@link
 * org.deepfakeedge.data.DatasetIndex}: one {@link org.deepfakeedge.data.Sample} per image file,
 * with its label (real = 0, fake = 1), split and generator. {@link
 * org.deepfakeedge.data.BatchLoader} then decodes ({@link org.deepfakeedge.data.ImageDecoder}),
 * resizes and normalises ({@link org.deepfakeedge.data.ImagePreprocessor}) and augments ({@link
 * org.deepfakeedge.data.Augmentation}) the images in parallel into float CHW mini-batches; files
 * that cannot be decoded are skipped and reported, never fatal.
 *
 * <p>All randomness (seeded splits, shuffling, augmentation) derives from explicit seeds, so two
 * runs with the same seeds see the same splits and the same batches. The supported folder layouts
 * are described in {@code docs/datasets.md}.
 */
package org.deepfakeedge.data;
