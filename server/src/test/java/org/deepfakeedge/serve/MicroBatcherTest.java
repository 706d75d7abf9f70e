package org.deepfakeedge.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The batcher's contract, made deterministic with a batch function that waits on a gate. */
class MicroBatcherTest {
    /** Batch function that records batch sizes and blocks until the test opens the gate. */
    static final class Gated implements MicroBatcher.BatchFunction<Integer, Integer> {
        final Semaphore gate = new Semaphore(0);
        final Semaphore entered = new Semaphore(0);
        final List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());

        @Override
        public List<Integer> apply(List<Integer> items) throws InterruptedException {
            entered.release();
            gate.acquire();
            sizes.add(items.size());
            return items.stream().map(i -> i * 10).toList();
        }

        void awaitEntered() throws InterruptedException {
            assertThat(entered.tryAcquire(30, TimeUnit.SECONDS))
                    .as("batch function entered")
                    .isTrue();
        }
    }

    private final List<MicroBatcher<?, ?>> open = new ArrayList<>();

    @AfterEach
    void closeAll() {
        open.forEach(b -> b.close(Duration.ofSeconds(5)));
    }

    private <T, R> MicroBatcher<T, R> batcher(
            MicroBatcher.BatchFunction<T, R> f, int capacity, int maxBatch) {
        MicroBatcher<T, R> b = new MicroBatcher<>(f, capacity, maxBatch, Duration.ZERO, null);
        open.add(b);
        return b;
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 3000 && !condition.getAsBoolean(); i++) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).as("condition reached").isTrue();
    }

    @Test
    void waiting_items_are_scored_together_up_to_max_batch_and_in_order() throws Exception {
        Gated f = new Gated();
        MicroBatcher<Integer, Integer> b = batcher(f, 16, 4);
        CompletableFuture<Integer> first = b.submit(0);
        f.awaitEntered(); // the worker holds item 0; the next six wait in the queue
        List<CompletableFuture<Integer>> rest = b.submitAll(List.of(1, 2, 3, 4, 5, 6));
        assertThat(b.queueDepth()).isEqualTo(6);
        f.gate.release(100);
        assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo(0);
        for (int i = 0; i < rest.size(); i++) {
            assertThat(rest.get(i).get(30, TimeUnit.SECONDS)).isEqualTo((i + 1) * 10);
        }
        assertThat(f.sizes).containsExactly(1, 4, 2);
        assertThat(b.queueDepth()).isZero();
    }

    @Test
    void a_full_queue_rejects_at_once_and_all_or_nothing() throws Exception {
        Gated f = new Gated();
        MicroBatcher<Integer, Integer> b = batcher(f, 2, 1);
        CompletableFuture<Integer> running = b.submit(1);
        f.awaitEntered();
        assertThat(b.hasRoom(2)).isTrue();
        b.submitAll(List.of(2, 3));
        assertThat(b.hasRoom(1)).isFalse();
        assertThatThrownBy(() -> b.submit(4))
                .isInstanceOf(QueueFullException.class)
                .hasMessageContaining("2 of 2 images waiting");
        f.gate.release();
        assertThat(running.get(30, TimeUnit.SECONDS)).isEqualTo(10);
        f.awaitEntered(); // item 2 taken: one place free
        assertThatThrownBy(() -> b.submitAll(List.of(5, 6))).isInstanceOf(QueueFullException.class);
        assertThat(b.queueDepth()).as("a rejected batch enqueues nothing").isEqualTo(1);
        assertThatThrownBy(() -> b.submitAll(List.of(1, 2, 3)))
                .isInstanceOf(IllegalArgumentException.class);
        f.gate.release(10);
    }

    @Test
    void close_finishes_everything_queued_and_refuses_new_items() throws Exception {
        Gated f = new Gated();
        MicroBatcher<Integer, Integer> b = batcher(f, 8, 2);
        List<CompletableFuture<Integer>> all = new ArrayList<>();
        all.add(b.submit(0));
        f.awaitEntered();
        all.addAll(b.submitAll(List.of(1, 2, 3, 4)));
        CountDownLatch closed = new CountDownLatch(1);
        Thread closer =
                new Thread(
                        () -> {
                            b.close(Duration.ofSeconds(30));
                            closed.countDown();
                        });
        closer.start();
        await(b::isClosed);
        assertThatThrownBy(() -> b.submit(9)).isInstanceOf(ShuttingDownException.class);
        assertThat(closed.getCount()).as("close waits for the queued items").isEqualTo(1);
        f.gate.release(100);
        assertThat(closed.await(30, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < all.size(); i++) {
            assertThat(all.get(i).isDone()).isTrue();
            assertThat(all.get(i).get()).isEqualTo(i * 10);
        }
    }

    @Test
    void a_failing_batch_fails_its_items_and_the_worker_goes_on() throws Exception {
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        MicroBatcher<Integer, Integer> b =
                batcher(
                        items -> {
                            seen.addAll(items);
                            if (items.contains(-1)) {
                                throw new IllegalStateException("boom");
                            }
                            return items;
                        },
                        4,
                        1);
        CompletableFuture<Integer> bad = b.submit(-1);
        assertThatThrownBy(() -> bad.get(30, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasRootCauseMessage("boom");
        assertThat(b.submit(7).get(30, TimeUnit.SECONDS)).isEqualTo(7);
        MicroBatcher<Integer, Integer> wrong = batcher(items -> List.of(), 4, 1);
        assertThatThrownBy(() -> wrong.submit(1).get(30, TimeUnit.SECONDS))
                .hasRootCauseMessage("batch function returned 0 results for 1 items");
    }

    @Test
    void batch_listener_sees_every_batch() throws Exception {
        List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
        MicroBatcher<Integer, Integer> b =
                new MicroBatcher<>(
                        items -> items, 4, 4, Duration.ZERO, (n, nanos, failed) -> sizes.add(n));
        open.add(b);
        b.submit(1).get(30, TimeUnit.SECONDS);
        b.submit(2).get(30, TimeUnit.SECONDS);
        assertThat(sizes).containsExactly(1, 1);
    }
}
