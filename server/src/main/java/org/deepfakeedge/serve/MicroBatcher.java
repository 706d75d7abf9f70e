package org.deepfakeedge.serve;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Groups single items submitted from many threads into batches for one worker thread.
 *
 * <p>Why: a CNN scores 8 images in one call much faster than 8 images in 8 calls, and one worker
 * keeps the model's threads from competing with each other. The worker takes the first waiting
 * item, then whatever else arrives within {@code maxWait}, up to {@code maxBatch} items, and calls
 * the batch function once.
 *
 * <p>The queue is bounded: {@link #submitAll} either enqueues all its items or throws {@link
 * QueueFullException} at once, so overload is answered quickly instead of growing memory. After
 * {@link #close} starts, submissions throw {@link ShuttingDownException}, and everything already
 * queued is still processed before the worker stops.
 *
 * @param <T> an item (a preprocessed image)
 * @param <R> its result (a score)
 */
public final class MicroBatcher<T, R> implements AutoCloseable {

    /** Processes one batch; returns one result per item, in order. */
    @FunctionalInterface
    public interface BatchFunction<T, R> {
        List<R> apply(List<T> items) throws Exception;
    }

    /** Told about every batch the worker ran (for metrics). */
    @FunctionalInterface
    public interface BatchListener {
        void batchDone(int size, long nanos, boolean failed);
    }

    private record Pending<T, R>(T item, CompletableFuture<R> result) {}

    private final BatchFunction<T, R> function;
    private final BatchListener listener;
    private final int capacity;
    private final int maxBatch;
    private final long maxWaitNanos;
    private final BlockingQueue<Pending<T, R>> queue = new LinkedBlockingQueue<>();

    /** Free places in the queue; taken on submit, given back when the worker takes the item. */
    private final Semaphore places;

    private final Object submitLock = new Object();
    private final Thread worker;
    private volatile boolean closed;

    /**
     * Starts the worker thread.
     *
     * @param function scores a batch
     * @param capacity most items waiting at once
     * @param maxBatch most items per batch
     * @param maxWait how long the worker waits for more items after the first one
     * @param listener told about each batch, may be null
     */
    public MicroBatcher(
            BatchFunction<T, R> function,
            int capacity,
            int maxBatch,
            Duration maxWait,
            BatchListener listener) {
        if (capacity < 1 || maxBatch < 1 || maxWait.isNegative()) {
            throw new IllegalArgumentException(
                    "capacity and maxBatch must be >= 1 and maxWait >= 0, found "
                            + capacity
                            + ", "
                            + maxBatch
                            + ", "
                            + maxWait);
        }
        this.function = function;
        this.listener = listener == null ? (n, t, f) -> {} : listener;
        this.capacity = capacity;
        this.maxBatch = maxBatch;
        this.maxWaitNanos = maxWait.toNanos();
        this.places = new Semaphore(capacity);
        this.worker = new Thread(this::run, "micro-batcher");
        this.worker.setDaemon(true);
        this.worker.start();
    }

    /** Submits one item; see {@link #submitAll}. */
    public CompletableFuture<R> submit(T item) {
        return submitAll(List.of(item)).get(0);
    }

    /**
     * Enqueues all items or none.
     *
     * @return one future per item, completed by the worker
     * @throws QueueFullException if the queue has fewer free places than items
     * @throws ShuttingDownException after {@link #close} started
     * @throws IllegalArgumentException if there are more items than the queue holds
     */
    public List<CompletableFuture<R>> submitAll(List<T> items) {
        if (items.size() > capacity) {
            throw new IllegalArgumentException(
                    items.size() + " items exceed the queue capacity " + capacity);
        }
        // The lock orders submissions against close(): an item enqueued before closed was set is
        // always seen by the worker, which only stops when it finds the queue empty after closing.
        synchronized (submitLock) {
            if (closed) {
                throw new ShuttingDownException();
            }
            if (!places.tryAcquire(items.size())) {
                throw new QueueFullException(items.size(), capacity, queue.size());
            }
            List<CompletableFuture<R>> futures = new ArrayList<>(items.size());
            for (T item : items) {
                CompletableFuture<R> f = new CompletableFuture<>();
                queue.add(new Pending<>(item, f));
                futures.add(f);
            }
            return futures;
        }
    }

    /**
     * Returns true if {@code n} items would fit now. Advisory (another thread may take the places
     * before {@link #submitAll}), but lets a caller refuse before doing expensive work for items
     * that would be refused anyway.
     */
    public boolean hasRoom(int n) {
        return places.availablePermits() >= n;
    }

    /** Returns the items waiting (not yet taken by the worker). */
    public int queueDepth() {
        return capacity - places.availablePermits();
    }

    /** Returns the most items that can wait at once. */
    public int capacity() {
        return capacity;
    }

    /** Returns the most items per batch. */
    public int maxBatch() {
        return maxBatch;
    }

    /** Returns true once {@link #close} has started. */
    public boolean isClosed() {
        return closed;
    }

    private void run() {
        List<Pending<T, R>> batch = new ArrayList<>(maxBatch);
        while (true) {
            Pending<T, R> first;
            try {
                first = queue.poll(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                // only close() after its timeout interrupts: fail what is left rather than hang
                failRemaining(new ShuttingDownException());
                return;
            }
            if (first == null) {
                if (closed) {
                    return;
                }
                continue;
            }
            batch.clear();
            batch.add(first);
            places.release();
            long deadline = System.nanoTime() + maxWaitNanos;
            while (batch.size() < maxBatch) {
                long left = closed ? 0 : deadline - System.nanoTime();
                Pending<T, R> next;
                try {
                    next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : queue.poll();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    next = null;
                }
                if (next == null) {
                    break;
                }
                batch.add(next);
                places.release();
            }
            runBatch(batch);
        }
    }

    private void runBatch(List<Pending<T, R>> batch) {
        List<T> items = new ArrayList<>(batch.size());
        for (Pending<T, R> p : batch) {
            items.add(p.item());
        }
        long start = System.nanoTime();
        try {
            List<R> results = function.apply(items);
            if (results == null || results.size() != items.size()) {
                throw new IllegalStateException(
                        "batch function returned "
                                + (results == null ? "null" : results.size() + " results")
                                + " for "
                                + items.size()
                                + " items");
            }
            listener.batchDone(items.size(), System.nanoTime() - start, false);
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result().complete(results.get(i));
            }
        } catch (Throwable e) { // an Error must not kill the only worker and hang every caller
            listener.batchDone(items.size(), System.nanoTime() - start, true);
            for (Pending<T, R> p : batch) {
                p.result().completeExceptionally(e);
            }
        }
    }

    private void failRemaining(RuntimeException e) {
        Pending<T, R> p;
        while ((p = queue.poll()) != null) {
            places.release();
            p.result().completeExceptionally(e);
        }
    }

    /**
     * Stops accepting items, processes everything already queued, and stops the worker.
     *
     * @param timeout how long to wait for the queue to drain
     * @return true if the worker finished within the timeout (otherwise it is interrupted and the
     *     items still waiting fail with {@link ShuttingDownException})
     */
    public boolean close(Duration timeout) {
        synchronized (submitLock) {
            closed = true;
        }
        try {
            worker.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (worker.isAlive()) {
            worker.interrupt();
            return false;
        }
        return true;
    }

    /** Closes with a 30 s drain timeout. */
    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }
}
