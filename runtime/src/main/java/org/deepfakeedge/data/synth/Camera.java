package org.deepfakeedge.data.synth;

import static org.deepfakeedge.data.synth.RandomDraws.gaussian;
import static org.deepfakeedge.data.synth.RandomDraws.logUniform;
import static org.deepfakeedge.data.synth.RandomDraws.uniform;

import java.util.SplittableRandom;

/**
 * The camera that turns a scene into a real photograph: optical blur, then sensor noise.
 *
 * <p>Sensor noise is signal dependent (Poisson–Gaussian: variance = a·I + b per channel), with a
 * per-image level spanning clean daylight shots to high-ISO ones, per-channel gains (blue noisiest,
 * as after white balance) and a random share of noise common to all channels (demosaicing and the
 * colour matrix correlate them). The wide spread of blur and noise is deliberate: it keeps a single
 * global statistic such as high-pass energy from separating real from fake.
 */
final class Camera {
    private Camera() {}

    /** Photographs a scene: optical blur, then sensor noise. Modifies and returns it. */
    static Planes capture(Planes scene, SplittableRandom rng) {
        return addSensorNoise(opticalBlur(scene, rng), rng);
    }

    /** Applies a random Gaussian point-spread function; sharp lenses leave the scene as is. */
    static Planes opticalBlur(Planes scene, SplittableRandom rng) {
        double sigma = uniform(rng, 0.0, 1.1);
        if (sigma >= 0.3) {
            PlaneOps.gaussianBlur(scene, sigma);
        }
        return scene;
    }

    /** Adds signal-dependent sensor noise with random level and channel balance, in place. */
    static Planes addSensorNoise(Planes img, SplittableRandom rng) {
        // Noise standard deviation at mid-grey, from 0.8 to 8 grey levels of 255.
        double sigmaMid = logUniform(rng, 0.8, 8.0) / 255.0;
        double shotShare = uniform(rng, 0.2, 0.9);
        double shot = shotShare * sigmaMid * sigmaMid / 0.5;
        double read = (1.0 - shotShare) * sigmaMid * sigmaMid;
        double[] gain = {uniform(rng, 0.9, 1.1), uniform(rng, 0.75, 0.95), uniform(rng, 1.05, 1.4)};
        double common = uniform(rng, 0.0, 0.5);
        double own = Math.sqrt(1.0 - common);
        double shared = Math.sqrt(common);
        int pixels = img.size * img.size;
        for (int i = 0; i < pixels; i++) {
            double z = gaussian(rng);
            for (int c = 0; c < 3; c++) {
                double v = Math.max(0.0, img.ch[c][i]);
                double sd = gain[c] * Math.sqrt(shot * v + read);
                img.ch[c][i] += (float) (sd * (own * gaussian(rng) + shared * z));
            }
        }
        return img;
    }
}
