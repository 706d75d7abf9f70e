/**
 * The {@code djl} runtime of {@link org.deepfakeedge.runtime.Detector}: model artifacts on DJL's
 * PyTorch engine, registered through {@link org.deepfakeedge.runtime.DetectorProvider}.
 */
package org.deepfakeedge.runtime.djl;
