package org.deepfakeedge.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.deepfakeedge.InvalidInputException;
import org.deepfakeedge.video.VideoOptions;
import org.junit.jupiter.api.Test;

/** The threads-to-workers rule: W defaults to T, each worker's stages get max(1, T / W). */
class ScanWorkersTest {

    @Test
    void workersDefaultToTheThreadsEachWithOne() {
        assertThat(ScanWorkers.plan(2, 0)).isEqualTo(new ScanWorkers(2, 2, 1));
        assertThat(ScanWorkers.plan(1, 0)).isEqualTo(new ScanWorkers(1, 1, 1));
        int cores = Runtime.getRuntime().availableProcessors();
        assertThat(ScanWorkers.plan(0, 0)).isEqualTo(new ScanWorkers(cores, cores, 1));
        assertThat(ScanWorkers.plan(0, 1)).isEqualTo(new ScanWorkers(cores, 1, cores));
    }

    @Test
    void theThreadsAreSharedOutAmongTheWorkers() {
        assertThat(ScanWorkers.plan(4, 2).threadsPerWorker()).isEqualTo(2);
        assertThat(ScanWorkers.plan(3, 2).threadsPerWorker()).isEqualTo(1);
        assertThat(ScanWorkers.plan(8, 1).threadsPerWorker()).isEqualTo(8);
        ScanWorkers w = ScanWorkers.plan(8, 2);
        assertThat(w.scannerOptions(ScanOptions.defaults()).threads()).isEqualTo(4);
        assertThat(w.videoOptions().decoderThreads())
                .isEqualTo(Math.min(4, VideoOptions.DEFAULT_THREADS));
        assertThat(ScanWorkers.plan(16, 1).videoOptions().decoderThreads())
                .isEqualTo(VideoOptions.DEFAULT_THREADS);
        assertThat(ScanWorkers.plan(2, 2).videoOptions().decoderThreads()).isEqualTo(1);
    }

    @Test
    void moreWorkersThanThreadsOrNegativeValuesAreRefused() {
        assertThatThrownBy(() -> ScanWorkers.plan(2, 3))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--workers 3 exceeds the 2 threads");
        assertThatThrownBy(() -> ScanWorkers.plan(-1, 0)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> ScanWorkers.plan(2, -1)).isInstanceOf(InvalidInputException.class);
    }
}
