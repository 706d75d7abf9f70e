package org.deepfakeedge.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Assigns splits to data that has none, stratified by class and generator.
 *
 * <p>For each class, the number of validation and test samples is {@code round(n * fraction)}, at
 * least one each when the class has 3 or more samples and the fraction is positive, and never all
 * of them (train keeps at least one). Those counts are shared out among the class's generators in
 * proportion to their sizes (largest remainder). Inside a generator, samples are ranked by a hash
 * of the seed and their path relative to the root: the order does not depend on how the file system
 * lists files nor on where the data set is stored. Samples that name a video ({@link Sample#video})
 * are split as one unit per video (the counts above then count videos), so frames of one video
 * never straddle splits. Stateless and thread-safe.
 */
final class SeededSplitter {

    private SeededSplitter() {}

    /**
     * Returns copies of {@code pool} with their splits assigned; the input's splits are ignored.
     *
     * @param pool the samples to split
     * @param root the folder the ranking hashes paths relative to
     * @param seed the split seed
     * @param valFraction fraction for {@link Split#VAL}
     * @param testFraction fraction for {@link Split#TEST}
     */
    static List<Sample> assign(
            List<Sample> pool, Path root, long seed, double valFraction, double testFraction) {
        List<Sample> out = new ArrayList<>(pool.size());
        for (int label = 0; label <= 1; label++) {
            // units: the frames of one video together, any other sample alone
            Map<String, Map<String, List<Sample>>> byGenerator = new TreeMap<>();
            for (Sample s : pool) {
                if (s.label() == label) {
                    byGenerator
                            .computeIfAbsent(s.generator(), g -> new LinkedHashMap<>())
                            .computeIfAbsent(unitKey(root, s), k -> new ArrayList<>())
                            .add(s);
                }
            }
            int n = byGenerator.values().stream().mapToInt(Map::size).sum();
            if (n == 0) {
                continue;
            }
            int test = target(n, testFraction);
            int val = target(n, valFraction);
            while (test + val > n - 1 && test + val > 0) {
                if (val >= test) {
                    val--;
                } else {
                    test--;
                }
            }
            List<Map<String, List<Sample>>> strata = new ArrayList<>(byGenerator.values());
            int[] sizes = strata.stream().mapToInt(Map::size).toArray();
            int[] testPer = distribute(test, sizes, sizes, n);
            int[] room = new int[sizes.length];
            for (int g = 0; g < sizes.length; g++) {
                room[g] = sizes[g] - testPer[g];
            }
            int[] valPer = distribute(val, sizes, room, n);
            for (int g = 0; g < strata.size(); g++) {
                List<List<Sample>> ranked = rank(strata.get(g), seed);
                for (int i = 0; i < ranked.size(); i++) {
                    Split split =
                            i < testPer[g]
                                    ? Split.TEST
                                    : i < testPer[g] + valPer[g] ? Split.VAL : Split.TRAIN;
                    for (Sample s : ranked.get(i)) {
                        out.add(s.withSplit(split));
                    }
                }
            }
        }
        return out;
    }

    /** A sample's unit: its video when it has one (frames never straddle splits), else itself. */
    private static String unitKey(Path root, Sample s) {
        return s.video().isEmpty() ? ImageFiles.relativeName(root, s.path()) : s.video();
    }

    private static int target(int n, double fraction) {
        if (fraction <= 0) {
            return 0;
        }
        int t = (int) Math.round(n * fraction);
        return n >= 3 ? Math.max(t, 1) : t;
    }

    /** Largest-remainder apportionment of {@code total} over strata, each capped by {@code cap}. */
    private static int[] distribute(int total, int[] sizes, int[] cap, int n) {
        int k = sizes.length;
        int[] alloc = new int[k];
        double[] remainder = new double[k];
        int sum = 0;
        for (int g = 0; g < k; g++) {
            double quota = (double) sizes[g] * total / n;
            alloc[g] = Math.min((int) Math.floor(quota), cap[g]);
            remainder[g] = quota - alloc[g];
            sum += alloc[g];
        }
        Integer[] order = new Integer[k];
        for (int g = 0; g < k; g++) {
            order[g] = g;
        }
        Arrays.sort(
                order,
                Comparator.comparingDouble((Integer g) -> -remainder[g]).thenComparing(g -> g));
        boolean progress = true;
        while (sum < total && progress) {
            progress = false;
            for (int g : order) {
                if (sum < total && alloc[g] < cap[g]) {
                    alloc[g]++;
                    sum++;
                    progress = true;
                }
            }
        }
        return alloc;
    }

    private static List<List<Sample>> rank(Map<String, List<Sample>> units, long seed) {
        record Keyed(long key, String name, List<Sample> samples) {}
        List<Keyed> keyed = new ArrayList<>(units.size());
        units.forEach(
                (name, samples) ->
                        keyed.add(new Keyed(Seeds.mix(seed ^ fnv1a(name)), name, samples)));
        keyed.sort(Comparator.comparingLong(Keyed::key).thenComparing(Keyed::name));
        return keyed.stream().map(Keyed::samples).toList();
    }

    private static long fnv1a(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }
}
