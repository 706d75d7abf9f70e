package org.deepfakeedge.data;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Iterates mini-batches of preprocessed, augmented images for training and evaluation.
 *
 * <p>Each epoch visits every decodable sample exactly once, in a shuffled order when asked. The
 * order of epoch {@code e} and the augmentation of sample {@code i} in epoch {@code e} derive only
 * from {@code (seed, e)} and {@code (seed, e, i)}, so runs are reproducible whatever the thread
 * count and timing. Images are decoded and resized in parallel on a bounded pool of {@code threads}
 * daemon threads, and the next batch is assembled in the background while the caller consumes the
 * current one (one batch ahead).
 *
 * <p>The decoded, resized RGB bytes of each sample ({@code size * size * 3} bytes) are kept in
 * memory while their total stays within {@code cacheBytes}, so later epochs skip decoding those
 * files; augmentation is applied after the cache and so differs per epoch. Files that cannot be
 * decoded are skipped: they never appear in a batch, each is logged once as a WARN line, and they
 * are listed by {@link #skipped()}. Batches are filled with the next good samples, so every batch
 * but the last holds exactly {@code batchSize} images.
 *
 * <p>Use an epoch's iterator from one thread, and one epoch at a time; {@link #skipped()} may be
 * called from any thread. Close the loader to stop its threads and free the cache.
 */
public final class BatchLoader implements AutoCloseable {

    /** Default cache budget: 1 GiB, about 7,100 images at 224 × 224. */
    public static final long DEFAULT_CACHE_BYTES = 1L << 30;

    private static final Logger LOG = LoggerFactory.getLogger(BatchLoader.class);

    private static final long SHUFFLE_STREAM = 0x5348_5546_464cL;
    private static final long AUGMENT_STREAM = 0x4155_474dL;

    private final List<Sample> samples;
    private final ImagePreprocessor preprocessor;
    private final Augmenter augmenter;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final int threads;
    private final long cacheBytes;
    private final boolean dropLast;

    /** Applied between decoding and resizing; null on the usual path, which then does no call. */
    private final DecodedImageTransform decodedTransform;

    private final ExecutorService decodePool;

    /** Assembles batches one at a time, so decode tasks never wait on their own pool. */
    private final ExecutorService prefetcher;

    private final ConcurrentHashMap<Integer, byte[]> cache = new ConcurrentHashMap<>();
    private final AtomicLong cachedBytes = new AtomicLong();
    private final ConcurrentHashMap<Integer, SkippedFile> skipped = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * Creates a loader.
     *
     * @param samples the samples to iterate (usually one split of a {@link DatasetIndex})
     * @param preprocessor resizes and normalises
     * @param augmentation applied to every image after the cache; {@link Augmentation#none()} for
     *     evaluation
     * @param batchSize images per batch, &ge; 1
     * @param shuffle whether each epoch visits the samples in a new seeded order
     * @param seed seed of the shuffling and augmentation
     * @param threads decoding threads; 0 or less means the number of available processors
     * @param cacheBytes memory budget of the decoded-image cache, &ge; 0 (0 disables it); {@link
     *     #DEFAULT_CACHE_BYTES} is a good default
     * @param dropLast whether an epoch's last batch is dropped when it is smaller than {@code
     *     batchSize}
     */
    public BatchLoader(
            List<Sample> samples,
            ImagePreprocessor preprocessor,
            Augmentation augmentation,
            int batchSize,
            boolean shuffle,
            long seed,
            int threads,
            long cacheBytes,
            boolean dropLast) {
        this(
                samples,
                preprocessor,
                augmentation,
                batchSize,
                shuffle,
                seed,
                threads,
                cacheBytes,
                dropLast,
                null);
    }

    /**
     * Creates a loader that changes each decoded image before resizing it (robustness evaluation:
     * JPEG, blur, noise... applied to the image as a user's photo would be, ahead of the model's
     * own preprocessing).
     *
     * @param decodedTransform applied to every decoded image before {@link
     *     ImagePreprocessor#resizeToRgb}; deterministic per sample, since its result is cached;
     *     {@code null} for none
     * @see #BatchLoader(List, ImagePreprocessor, Augmentation, int, boolean, long, int, long,
     *     boolean)
     */
    public BatchLoader(
            List<Sample> samples,
            ImagePreprocessor preprocessor,
            Augmentation augmentation,
            int batchSize,
            boolean shuffle,
            long seed,
            int threads,
            long cacheBytes,
            boolean dropLast,
            DecodedImageTransform decodedTransform) {
        this.samples = List.copyOf(samples);
        this.preprocessor = Objects.requireNonNull(preprocessor, "preprocessor must not be null");
        Objects.requireNonNull(augmentation, "augmentation must not be null");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, found " + batchSize);
        }
        if ((long) batchSize * preprocessor.tensorLength() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(
                    "batchSize * 3 * size * size must fit in a Java array, found "
                            + batchSize
                            + " * "
                            + preprocessor.tensorLength()
                            + ". Fix: use a smaller batch or image size.");
        }
        if (cacheBytes < 0) {
            throw new IllegalArgumentException("cacheBytes must be >= 0, found " + cacheBytes);
        }
        this.augmenter = new Augmenter(augmentation, preprocessor.size());
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.seed = seed;
        this.threads = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        this.cacheBytes = cacheBytes;
        this.dropLast = dropLast;
        this.decodedTransform = decodedTransform;
        this.decodePool = Executors.newFixedThreadPool(this.threads, daemonThreads("decode"));
        this.prefetcher = Executors.newSingleThreadExecutor(daemonThreads("prefetch"));
    }

    /**
     * Creates a loader that keeps the last, smaller batch.
     *
     * @see #BatchLoader(List, ImagePreprocessor, Augmentation, int, boolean, long, int, long,
     *     boolean)
     */
    public BatchLoader(
            List<Sample> samples,
            ImagePreprocessor preprocessor,
            Augmentation augmentation,
            int batchSize,
            boolean shuffle,
            long seed,
            int threads,
            long cacheBytes) {
        this(
                samples,
                preprocessor,
                augmentation,
                batchSize,
                shuffle,
                seed,
                threads,
                cacheBytes,
                false);
    }

    /**
     * Creates a loader with one thread per processor, a {@link #DEFAULT_CACHE_BYTES} cache, and the
     * last, smaller batch kept.
     *
     * @see #BatchLoader(List, ImagePreprocessor, Augmentation, int, boolean, long, int, long,
     *     boolean)
     */
    public BatchLoader(
            List<Sample> samples,
            ImagePreprocessor preprocessor,
            Augmentation augmentation,
            int batchSize,
            boolean shuffle,
            long seed) {
        this(
                samples,
                preprocessor,
                augmentation,
                batchSize,
                shuffle,
                seed,
                0,
                DEFAULT_CACHE_BYTES,
                false);
    }

    /**
     * Returns the batches of one epoch; assembly of the first batch starts at once.
     *
     * @param epochIndex the epoch number, &ge; 0; selects the order and the augmentation
     * @return an iterator over the epoch's batches; its methods throw {@link IllegalStateException}
     *     if loading fails for a reason other than a bad file
     */
    public Iterator<Batch> epoch(int epochIndex) {
        if (epochIndex < 0) {
            throw new IllegalArgumentException("epochIndex must be >= 0, found " + epochIndex);
        }
        if (closed) {
            throw new IllegalStateException("BatchLoader is closed");
        }
        return new EpochIterator(epochIndex, order(epochIndex));
    }

    /**
     * Returns the files skipped so far because they could not be decoded.
     *
     * @return a snapshot in sample order
     */
    public List<SkippedFile> skipped() {
        List<SkippedFile> list = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            SkippedFile s = skipped.get(i);
            if (s != null) {
                list.add(s);
            }
        }
        return list;
    }

    /**
     * Returns the number of samples given, including any skipped later.
     *
     * @return the number of samples
     */
    public int sampleCount() {
        return samples.size();
    }

    /**
     * Returns the number of decoding threads.
     *
     * @return the thread count
     */
    public int threads() {
        return threads;
    }

    /**
     * Returns the bytes held by the decoded-image cache.
     *
     * @return at most {@code cacheBytes}
     */
    public long cachedBytes() {
        return cachedBytes.get();
    }

    /** Stops the decoding threads and frees the cache; pending iterators fail afterwards. */
    @Override
    public void close() {
        closed = true;
        prefetcher.shutdownNow();
        decodePool.shutdownNow();
        cache.clear();
        cachedBytes.set(0);
    }

    private int[] order(int epochIndex) {
        int[] order = new int[samples.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        if (shuffle) {
            SplittableRandom random =
                    new SplittableRandom(Seeds.derive(seed, SHUFFLE_STREAM, epochIndex, 0));
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        return order;
    }

    /** Decodes (or takes from the cache) and augments one sample; null if it is a bad file. */
    private byte[] load(int index, int epochIndex) {
        byte[] rgb = cache.get(index);
        if (rgb == null) {
            if (skipped.containsKey(index)) {
                return null;
            }
            Sample sample = samples.get(index);
            try {
                BufferedImage decoded = ImageDecoder.read(sample.path());
                if (decodedTransform != null) {
                    decoded = decodedTransform.apply(decoded, sample);
                }
                rgb = preprocessor.resizeToRgb(decoded);
            } catch (BadImageException e) {
                if (skipped.putIfAbsent(index, new SkippedFile(sample.path(), e.reason()))
                        == null) {
                    LOG.warn("{}: {}; skipped", sample.path(), e.reason());
                }
                return null;
            }
            putInCache(index, rgb);
        }
        SplittableRandom random =
                new SplittableRandom(Seeds.derive(seed, AUGMENT_STREAM, epochIndex, index));
        return augmenter.apply(rgb, random);
    }

    private void putInCache(int index, byte[] rgb) {
        long current;
        do {
            current = cachedBytes.get();
            if (current + rgb.length > cacheBytes) {
                return;
            }
        } while (!cachedBytes.compareAndSet(current, current + rgb.length));
        if (cache.putIfAbsent(index, rgb) != null) {
            cachedBytes.addAndGet(-rgb.length); // another epoch's task cached it first
        }
    }

    private ThreadFactory daemonThreads(String role) {
        AtomicInteger counter = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "batch-loader-" + role + "-" + counter.incrementAndGet());
            t.setDaemon(true); // a loader the caller forgot to close must not keep the JVM alive
            return t;
        };
    }

    private static <T> T await(Future<T> future, String what) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while " + what, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(what + " failed: " + cause, cause);
        }
    }

    /** One epoch; only the prefetch thread touches {@code cursor}, one batch at a time. */
    private final class EpochIterator implements Iterator<Batch> {
        private final int epochIndex;
        private final int[] order;
        private int cursor;
        private Future<Batch> pending;
        private Batch ready;
        private boolean exhausted;

        EpochIterator(int epochIndex, int[] order) {
            this.epochIndex = epochIndex;
            this.order = order;
            this.pending = prefetcher.submit(this::assemble);
        }

        @Override
        public boolean hasNext() {
            if (ready != null) {
                return true;
            }
            if (exhausted) {
                return false;
            }
            if (closed) {
                throw new IllegalStateException("BatchLoader is closed");
            }
            ready = await(pending, "loading a batch of epoch " + epochIndex);
            if (ready == null) {
                exhausted = true;
                pending = null;
                return false;
            }
            pending = prefetcher.submit(this::assemble); // overlap the next batch with training
            return true;
        }

        @Override
        public Batch next() {
            if (!hasNext()) {
                throw new NoSuchElementException("Epoch " + epochIndex + " has no more batches");
            }
            Batch batch = ready;
            ready = null;
            return batch;
        }

        /** Fills the next batch with the next good samples; null when the epoch is over. */
        private Batch assemble() {
            List<Integer> picked = new ArrayList<>(batchSize);
            List<byte[]> images = new ArrayList<>(batchSize);
            while (picked.size() < batchSize && cursor < order.length) {
                int end = Math.min(cursor + batchSize - picked.size(), order.length);
                List<Callable<byte[]>> tasks = new ArrayList<>(end - cursor);
                for (int i = cursor; i < end; i++) {
                    int index = order[i];
                    tasks.add(() -> load(index, epochIndex));
                }
                List<Future<byte[]>> results;
                try {
                    results = decodePool.invokeAll(tasks);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while decoding images", e);
                }
                for (int i = 0; i < results.size(); i++) {
                    byte[] rgb =
                            await(
                                    results.get(i),
                                    "decoding " + samples.get(order[cursor + i]).path());
                    if (rgb != null) {
                        picked.add(order[cursor + i]);
                        images.add(rgb);
                    }
                }
                cursor = end;
            }
            int n = picked.size();
            if (n == 0 || (dropLast && n < batchSize)) {
                return null;
            }
            int size = preprocessor.size();
            int length = preprocessor.tensorLength();
            float[] data = new float[n * length];
            int[] labels = new int[n];
            List<Sample> batchSamples = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                preprocessor.toChw(images.get(i), data, i * length);
                Sample sample = samples.get(picked.get(i));
                labels[i] = sample.label();
                batchSamples.add(sample);
            }
            return new Batch(data, labels, batchSamples, n, 3, size, size);
        }
    }
}
