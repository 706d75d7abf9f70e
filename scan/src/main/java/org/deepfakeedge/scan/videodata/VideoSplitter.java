package org.deepfakeedge.scan.videodata;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.deepfakeedge.data.Split;

/**
 * Splits a video data set by video and by source identity, so that no frame of a video, and no
 * original/fake pair, is in two splits.
 *
 * <p>Videos the layout has already placed (Celeb-DF's test list, a DFDC test split) keep their
 * split: that list is the benchmark's protocol, identities and all. The others are joined into
 * groups: two videos sharing an identity (an FF++ fake {@code 000_003} and the originals {@code
 * 000} and {@code 003}, a DFDC fake and its original) are in one group, transitively. Groups are
 * sorted into strata by the classes they hold (real only, fake only, both) and, inside a stratum,
 * ranked by a hash of the seed and the group's first video id; the first {@code round(groups ×
 * testFraction)} go to test (at least one when the stratum has 3 groups or more), the next {@code
 * round(groups × valFraction)} to val, the rest to train, which always keeps one. The same seed
 * gives the same split whatever order the files were listed in. Stateless and thread-safe.
 */
public final class VideoSplitter {

    private VideoSplitter() {}

    /**
     * Assigns splits.
     *
     * @param data the videos
     * @param seed the split seed
     * @param valFraction share of groups put in val, in [0, 1)
     * @param testFraction share of groups put in test, in [0, 1); not used when the layout has its
     *     own test split
     * @return the videos with every split set, in the input order
     */
    public static List<VideoItem> assign(
            VideoDataset data, long seed, double valFraction, double testFraction) {
        List<VideoItem> videos = data.videos();
        double test = data.hasOwnTestSplit() ? 0.0 : testFraction;
        // union-find over the videos still to place, joined through shared identities
        int[] parent = new int[videos.size()];
        Map<String, Integer> firstWith = new HashMap<>();
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
            if (videos.get(i).split() != null) {
                continue;
            }
            for (String identity : videos.get(i).identities()) {
                Integer j = firstWith.putIfAbsent(identity, i);
                if (j != null) {
                    parent[find(parent, i)] = find(parent, j);
                }
            }
        }
        Map<Integer, List<Integer>> groups = new TreeMap<>();
        for (int i = 0; i < parent.length; i++) {
            if (videos.get(i).split() == null) {
                groups.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(i);
            }
        }
        // stratum: bit 0 = holds a real, bit 1 = holds a fake
        Map<Integer, List<List<Integer>>> strata = new TreeMap<>();
        for (List<Integer> g : groups.values()) {
            int kind = 0;
            for (int i : g) {
                kind |= 1 << videos.get(i).label();
            }
            strata.computeIfAbsent(kind, k -> new ArrayList<>()).add(g);
        }
        Split[] assigned = new Split[videos.size()];
        for (List<List<Integer>> stratum : strata.values()) {
            stratum.sort(
                    Comparator.comparingLong(
                                    (List<Integer> g) -> key(seed, videos.get(g.get(0)).id()))
                            .thenComparing(g -> videos.get(g.get(0)).id()));
            int n = stratum.size();
            int nTest = target(n, test);
            int nVal = target(n, valFraction);
            while (nTest + nVal > n - 1 && nTest + nVal > 0) {
                if (nVal >= nTest) {
                    nVal--;
                } else {
                    nTest--;
                }
            }
            for (int k = 0; k < n; k++) {
                Split s = k < nTest ? Split.TEST : k < nTest + nVal ? Split.VAL : Split.TRAIN;
                for (int i : stratum.get(k)) {
                    assigned[i] = s;
                }
            }
        }
        List<VideoItem> out = new ArrayList<>(videos.size());
        for (int i = 0; i < videos.size(); i++) {
            VideoItem v = videos.get(i);
            out.add(v.split() != null ? v : v.withSplit(assigned[i]));
        }
        return out;
    }

    private static int target(int n, double fraction) {
        if (fraction <= 0) {
            return 0;
        }
        int t = (int) Math.round(n * fraction);
        return n >= 3 ? Math.max(t, 1) : t;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static long key(long seed, String id) {
        long h = 0xcbf29ce484222325L;
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            h ^= b;
            h *= 0x100000001b3L;
        }
        return new SplittableRandom(seed ^ h).nextLong();
    }
}
