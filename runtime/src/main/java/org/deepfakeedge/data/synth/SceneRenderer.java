package org.deepfakeedge.data.synth;

import static org.deepfakeedge.data.synth.RandomDraws.chance;
import static org.deepfakeedge.data.synth.RandomDraws.logUniform;
import static org.deepfakeedge.data.synth.RandomDraws.uniform;

import java.util.SplittableRandom;

/**
 * Renders the ideal radiance of a random scene, shared by every class so that content never gives
 * the class away.
 *
 * <p>A scene is a textured background (optionally split by a wavy horizon), up to eight occluding
 * shapes (ellipses, smooth blobs, convex polygons, rectangles) painted back to front, and a global
 * illumination field (exposure, directional gradient, low-frequency light variation, vignetting,
 * white balance). Every surface carries fractal texture with a 1/f-like spectrum (see {@link
 * FractalNoise}), sometimes an oriented grating, a little chroma variation and linear shading;
 * edges are anti-aliased with a random softness, imitating depth of field. The result has no sensor
 * noise and no optical blur yet: those are the camera's part (see {@link Camera}).
 *
 * <p>For the {@code shapes} task the scene has one dominant object, round or angular, in front of
 * small clutter of both kinds.
 */
final class SceneRenderer {

    /** What the scene must contain. */
    enum Subject {
        /** A natural scene with no constraint, for real and fake images. */
        ANY,
        /** A dominant round object (ellipse or smooth blob). */
        ROUND,
        /** A dominant angular object (triangle to pentagon, or rectangle). */
        ANGULAR
    }

    /** A closed region given by its signed distance in pixels: negative inside. */
    @FunctionalInterface
    private interface Outline {
        double signedDistance(double x, double y);
    }

    /** An outline with the centre and radius of a circle that holds it, for its bounding box. */
    private record Region(Outline outline, double cx, double cy, double extent) {}

    private SceneRenderer() {}

    /** Renders an n×n scene. */
    static Planes render(SplittableRandom rng, int n, Subject subject) {
        Planes p = new Planes(n);
        paintBackground(rng, p);
        if (subject == Subject.ANY) {
            int shapes = rng.nextInt(9);
            for (int s = 0; s < shapes; s++) {
                double r = logUniform(rng, 0.05, 0.45) * n;
                paint(rng, p, randomShape(rng, randomCentre(rng, n, r), r), null);
            }
        } else {
            paintShapesScene(rng, p, subject == Subject.ROUND);
        }
        illuminate(rng, p);
        return p;
    }

    private static void paintShapesScene(SplittableRandom rng, Planes p, boolean round) {
        int n = p.size;
        int behind = 1 + rng.nextInt(5);
        for (int s = 0; s < behind; s++) {
            double r = logUniform(rng, 0.03, 0.09) * n;
            paint(rng, p, smallShape(rng, randomCentre(rng, n, r), r), null);
        }
        double r = uniform(rng, 0.24, 0.36) * n;
        double[] centre = {
            n * (0.5 + uniform(rng, -0.12, 0.12)), n * (0.5 + uniform(rng, -0.12, 0.12))
        };
        Region dominant;
        if (round) {
            dominant =
                    chance(rng, 0.5) ? ellipse(rng, centre, r, 1.35) : blob(rng, centre, r, 0.06);
        } else {
            dominant =
                    chance(rng, 0.3)
                            ? rectangle(rng, centre, r, 1.5)
                            : polygon(rng, centre, r, 3 + rng.nextInt(3), 0.2, 1.3);
        }
        // The class must be visible: keep the object's brightness away from its surroundings.
        paint(rng, p, dominant, meanLumaAround(p, dominant));
        int front = rng.nextInt(3);
        for (int s = 0; s < front; s++) {
            double rs = logUniform(rng, 0.02, 0.06) * n;
            paint(rng, p, smallShape(rng, randomCentre(rng, n, rs), rs), null);
        }
    }

    private static double[] randomCentre(SplittableRandom rng, int n, double r) {
        // Centres may lie a little outside the frame, so shapes are cut by the border too.
        double margin = 0.3 * r;
        return new double[] {uniform(rng, -margin, n + margin), uniform(rng, -margin, n + margin)};
    }

    private static Region randomShape(SplittableRandom rng, double[] centre, double r) {
        double u = rng.nextDouble();
        if (u < 0.3) {
            return ellipse(rng, centre, r, 3.0);
        } else if (u < 0.5) {
            return blob(rng, centre, r, 0.15);
        } else if (u < 0.8) {
            return polygon(rng, centre, r, 3 + rng.nextInt(5), 0.3, 2.0);
        }
        return rectangle(rng, centre, r, 4.0);
    }

    private static Region smallShape(SplittableRandom rng, double[] centre, double r) {
        // Clutter of both kinds, the same in both classes, so only the dominant object tells the
        // class; mostly round and much smaller, so that corners alone do not blur the task.
        return chance(rng, 0.75)
                ? ellipse(rng, centre, r, 1.6)
                : polygon(rng, centre, r, 3 + rng.nextInt(3), 0.2, 1.6);
    }

    private static Region ellipse(SplittableRandom rng, double[] centre, double r, double aspect) {
        double a = r;
        double b = r / uniform(rng, 1.0, aspect);
        double theta = uniform(rng, 0.0, Math.PI);
        double cos = StrictMath.cos(theta);
        double sin = StrictMath.sin(theta);
        double cx = centre[0];
        double cy = centre[1];
        double inner = Math.min(a, b);
        Outline outline =
                (x, y) -> {
                    double u = ((x - cx) * cos + (y - cy) * sin) / a;
                    double v = (-(x - cx) * sin + (y - cy) * cos) / b;
                    double rho = Math.sqrt(u * u + v * v);
                    if (rho < 1e-9) {
                        return -inner;
                    }
                    // First-order distance: (rho - 1) over the gradient norm of rho.
                    double gu = u / a;
                    double gv = v / b;
                    return (rho - 1.0) * rho / Math.sqrt(gu * gu + gv * gv);
                };
        return new Region(outline, cx, cy, a + 2.0);
    }

    private static Region blob(SplittableRandom rng, double[] centre, double r, double wobble) {
        int harmonics = 4;
        double[] cosAmp = new double[harmonics];
        double[] sinAmp = new double[harmonics];
        double total = 0.0;
        for (int k = 0; k < harmonics; k++) {
            // Harmonics 2..5, weaker as they get finer, so the outline stays smooth.
            cosAmp[k] = uniform(rng, -wobble, wobble) / (k + 1);
            sinAmp[k] = uniform(rng, -wobble, wobble) / (k + 1);
            total += Math.abs(cosAmp[k]) + Math.abs(sinAmp[k]);
        }
        double cx = centre[0];
        double cy = centre[1];
        Outline outline =
                (x, y) -> {
                    double dx = x - cx;
                    double dy = y - cy;
                    double rho = Math.sqrt(dx * dx + dy * dy);
                    if (rho < 1e-9) {
                        return -r;
                    }
                    double c1 = dx / rho;
                    double s1 = dy / rho;
                    // cos(kθ), sin(kθ) by the angle-addition recurrence, no trigonometry per pixel.
                    double ck = c1 * c1 - s1 * s1;
                    double sk = 2.0 * c1 * s1;
                    double radius = 1.0;
                    for (int k = 0; k < harmonics; k++) {
                        radius += cosAmp[k] * ck + sinAmp[k] * sk;
                        double next = ck * c1 - sk * s1;
                        sk = sk * c1 + ck * s1;
                        ck = next;
                    }
                    return rho - r * radius;
                };
        return new Region(outline, cx, cy, r * (1.0 + total) + 2.0);
    }

    private static Region polygon(
            SplittableRandom rng,
            double[] centre,
            double r,
            int vertices,
            double jitter,
            double aspect) {
        double b = r / uniform(rng, 1.0, aspect);
        double start = uniform(rng, 0.0, 2.0 * Math.PI);
        double step = 2.0 * Math.PI / vertices;
        double[] xs = new double[vertices];
        double[] ys = new double[vertices];
        for (int i = 0; i < vertices; i++) {
            // Vertices on an ellipse, in angular order: the polygon is always convex.
            double t = start + step * (i + uniform(rng, -jitter, jitter));
            xs[i] = r * StrictMath.cos(t);
            ys[i] = b * StrictMath.sin(t);
        }
        return convex(rng, centre, xs, ys, r);
    }

    private static Region rectangle(
            SplittableRandom rng, double[] centre, double r, double aspect) {
        double a = r / Math.sqrt(2.0) * 1.2;
        double b = a / uniform(rng, 1.0, aspect);
        return convex(rng, centre, new double[] {a, -a, -a, a}, new double[] {b, b, -b, -b}, r);
    }

    /** Rotates a convex polygon given around the origin, centres it and builds its outline. */
    private static Region convex(
            SplittableRandom rng, double[] centre, double[] xs, double[] ys, double r) {
        double theta = uniform(rng, 0.0, 2.0 * Math.PI);
        double cos = StrictMath.cos(theta);
        double sin = StrictMath.sin(theta);
        int k = xs.length;
        double[] px = new double[k];
        double[] py = new double[k];
        double area = 0.0;
        for (int i = 0; i < k; i++) {
            px[i] = centre[0] + xs[i] * cos - ys[i] * sin;
            py[i] = centre[1] + xs[i] * sin + ys[i] * cos;
        }
        for (int i = 0; i < k; i++) {
            int j = (i + 1) % k;
            area += px[i] * py[j] - px[j] * py[i];
        }
        double orientation = area >= 0 ? 1.0 : -1.0;
        double[] nx = new double[k];
        double[] ny = new double[k];
        double[] offset = new double[k];
        double extent = 0.0;
        for (int i = 0; i < k; i++) {
            int j = (i + 1) % k;
            double ex = px[j] - px[i];
            double ey = py[j] - py[i];
            double len = Math.sqrt(ex * ex + ey * ey);
            nx[i] = orientation * ey / len;
            ny[i] = -orientation * ex / len;
            offset[i] = nx[i] * px[i] + ny[i] * py[i];
            extent = Math.max(extent, Math.hypot(px[i] - centre[0], py[i] - centre[1]));
        }
        Outline outline =
                (x, y) -> {
                    double d = Double.NEGATIVE_INFINITY;
                    for (int i = 0; i < k; i++) {
                        d = Math.max(d, nx[i] * x + ny[i] * y - offset[i]);
                    }
                    return d;
                };
        return new Region(outline, centre[0], centre[1], Math.max(extent, r) + 2.0);
    }

    private static void paintBackground(SplittableRandom rng, Planes p) {
        int n = p.size;
        double half = 0.5 * n;
        paint(rng, p, new Region((x, y) -> -1e9, half, half, n), null);
        if (chance(rng, 0.4)) {
            // A second large region under a wavy horizon (ground and sky, wall and floor).
            double[] horizon = new double[n];
            double base = uniform(rng, 0.3, 0.75) * n;
            double slope = uniform(rng, -0.3, 0.3);
            for (int x = 0; x < n; x++) {
                horizon[x] = base + slope * (x - half);
            }
            for (int w = 0; w < 3; w++) {
                double amp = logUniform(rng, 0.005, 0.08) * n;
                double freq = 2.0 * Math.PI * uniform(rng, 0.5, 6.0) / n;
                double phase = uniform(rng, 0.0, 2.0 * Math.PI);
                for (int x = 0; x < n; x++) {
                    horizon[x] += amp * StrictMath.sin(freq * x + phase);
                }
            }
            Outline ground = (x, y) -> horizon[PlaneOps.clamp((int) x, n)] - y;
            paint(rng, p, new Region(ground, half, half, n), null);
        }
    }

    /**
     * Paints a textured, shaded region over the picture with anti-aliased edges.
     *
     * @param surroundLuma if not null, the colour is pushed away from this brightness
     */
    private static void paint(SplittableRandom rng, Planes p, Region region, Double surroundLuma) {
        int n = p.size;
        double[] colour = randomColour(rng);
        if (surroundLuma != null) {
            keepApart(colour, surroundLuma);
        }
        double softness = logUniform(rng, 0.5, 2.0);
        double contrast = logUniform(rng, 0.01, 0.35);
        double alpha = uniform(rng, 0.8, 1.7);
        double minCell = uniform(rng, 1.2, 3.0);
        double chromaAmp = uniform(rng, 0.0, 0.06);
        double[] chromaWeight = {uniform(rng, -1, 1), uniform(rng, -1, 1), uniform(rng, -1, 1)};
        double shadeStrength = uniform(rng, 0.0, 0.6);
        double shadeAngle = uniform(rng, 0.0, 2.0 * Math.PI);
        double gx = shadeStrength * StrictMath.cos(shadeAngle) / region.extent();
        double gy = shadeStrength * StrictMath.sin(shadeAngle) / region.extent();

        int x0 = Math.max(0, (int) Math.floor(region.cx() - region.extent()));
        int x1 = Math.min(n, (int) Math.ceil(region.cx() + region.extent()) + 1);
        int y0 = Math.max(0, (int) Math.floor(region.cy() - region.extent()));
        int y1 = Math.min(n, (int) Math.ceil(region.cy() + region.extent()) + 1);
        int w = Math.max(1, x1 - x0);
        int h = Math.max(1, y1 - y0);
        // The draws above and below happen even for regions outside the frame, so that one
        // region's visibility never shifts the random stream of the next.
        float[] texture = FractalNoise.field(rng, w, h, alpha, minCell);
        float[] chroma = FractalNoise.field(rng, w, h, uniform(rng, 1.2, 2.0), 2.0);
        Grating grating = chance(rng, 0.2) ? Grating.random(rng, w, h) : null;

        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                double d = region.outline().signedDistance(x + 0.5, y + 0.5);
                double coverage = 0.5 - d / softness;
                if (coverage <= 0.0) {
                    continue;
                }
                coverage = Math.min(1.0, coverage);
                int j = (y - y0) * w + (x - x0);
                double t = contrast * texture[j];
                if (grating != null) {
                    t += grating.value(x - x0, y - y0);
                }
                double shade = 1.0 + gx * (x + 0.5 - region.cx()) + gy * (y + 0.5 - region.cy());
                int i = y * n + x;
                for (int c = 0; c < 3; c++) {
                    double v =
                            colour[c] * shade * (1.0 + t + chromaAmp * chromaWeight[c] * chroma[j]);
                    v = Math.max(0.01 * colour[c], v);
                    p.ch[c][i] += (float) (coverage * (v - p.ch[c][i]));
                }
            }
        }
    }

    /** An oriented sinusoidal texture (fabric, wood, blinds), evaluated without trigonometry. */
    private static final class Grating {
        private final float[] cosX;
        private final float[] sinX;
        private final float[] cosY;
        private final float[] sinY;

        private Grating(float[] cosX, float[] sinX, float[] cosY, float[] sinY) {
            this.cosX = cosX;
            this.sinX = sinX;
            this.cosY = cosY;
            this.sinY = sinY;
        }

        static Grating random(SplittableRandom rng, int w, int h) {
            double period = logUniform(rng, 3.5, 20.0);
            double angle = uniform(rng, 0.0, Math.PI);
            double amp = uniform(rng, 0.04, 0.3);
            double phase = uniform(rng, 0.0, 2.0 * Math.PI);
            double u = 2.0 * Math.PI * StrictMath.cos(angle) / period;
            double v = 2.0 * Math.PI * StrictMath.sin(angle) / period;
            float[] cx = new float[w];
            float[] sx = new float[w];
            float[] cy = new float[h];
            float[] sy = new float[h];
            for (int x = 0; x < w; x++) {
                cx[x] = (float) (amp * StrictMath.cos(u * x + phase));
                sx[x] = (float) (amp * StrictMath.sin(u * x + phase));
            }
            for (int y = 0; y < h; y++) {
                cy[y] = (float) StrictMath.cos(v * y);
                sy[y] = (float) StrictMath.sin(v * y);
            }
            return new Grating(cx, sx, cy, sy);
        }

        /** amp · cos(u·x + v·y + phase), by angle addition. */
        double value(int x, int y) {
            return cosX[x] * cosY[y] - sinX[x] * sinY[y];
        }
    }

    private static void illuminate(SplittableRandom rng, Planes p) {
        int n = p.size;
        double exposure = logUniform(rng, 0.65, 1.45);
        double lightAmp = uniform(rng, 0.0, 0.3);
        float[] light = FractalNoise.field(rng, n, n, 1.5, n / 4.0);
        double vignette = uniform(rng, 0.0, 0.45);
        double gradient = uniform(rng, 0.0, 0.5);
        double angle = uniform(rng, 0.0, 2.0 * Math.PI);
        double gx = gradient * StrictMath.cos(angle) / n;
        double gy = gradient * StrictMath.sin(angle) / n;
        double[] whiteBalance = {
            uniform(rng, 0.92, 1.08), uniform(rng, 0.95, 1.05), uniform(rng, 0.92, 1.08)
        };
        double half = 0.5 * n;
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                int i = y * n + x;
                double dx = (x + 0.5 - half) / half;
                double dy = (y + 0.5 - half) / half;
                double f =
                        exposure
                                * (1.0 + lightAmp * light[i])
                                * (1.0 - vignette * 0.5 * (dx * dx + dy * dy))
                                * (1.0 + gx * (x + 0.5 - half) + gy * (y + 0.5 - half));
                f = Math.max(0.05, f);
                for (int c = 0; c < 3; c++) {
                    p.ch[c][i] = (float) (p.ch[c][i] * f * whiteBalance[c]);
                }
            }
        }
    }

    /** Returns a random surface colour; natural scenes are mostly desaturated. */
    private static double[] randomColour(SplittableRandom rng) {
        double hue = rng.nextDouble() * 6.0;
        double u = rng.nextDouble();
        double saturation = 0.85 * u * u;
        double value = uniform(rng, 0.08, 0.95);
        int sector = (int) hue;
        double f = hue - sector;
        double lo = value * (1.0 - saturation);
        double falling = value * (1.0 - saturation * f);
        double rising = value * (1.0 - saturation * (1.0 - f));
        return switch (sector) {
            case 0 -> new double[] {value, rising, lo};
            case 1 -> new double[] {falling, value, lo};
            case 2 -> new double[] {lo, value, rising};
            case 3 -> new double[] {lo, falling, value};
            case 4 -> new double[] {rising, lo, value};
            default -> new double[] {value, lo, falling};
        };
    }

    private static double meanLumaAround(Planes p, Region region) {
        int n = p.size;
        int x0 = Math.max(0, (int) (region.cx() - region.extent()));
        int x1 = Math.min(n, (int) (region.cx() + region.extent()) + 1);
        int y0 = Math.max(0, (int) (region.cy() - region.extent()));
        int y1 = Math.min(n, (int) (region.cy() + region.extent()) + 1);
        double sum = 0.0;
        int count = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int i = y * n + x;
                sum += 0.299 * p.ch[0][i] + 0.587 * p.ch[1][i] + 0.114 * p.ch[2][i];
                count++;
            }
        }
        return count == 0 ? 0.5 : sum / count;
    }

    /** Scales a colour so that its luma differs from {@code surround} by at least 0.2. */
    private static void keepApart(double[] colour, double surround) {
        double luma = 0.299 * colour[0] + 0.587 * colour[1] + 0.114 * colour[2];
        if (Math.abs(luma - surround) >= 0.2) {
            return;
        }
        double target = surround > 0.5 ? surround - 0.2 : surround + 0.2;
        double scale = target / Math.max(luma, 1e-3);
        for (int c = 0; c < 3; c++) {
            colour[c] = Math.min(1.0, colour[c] * scale);
        }
    }
}
