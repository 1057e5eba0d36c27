package io.drwatch.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.logging.LogRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Proves the global blocked-thread check is live: a deliberately blocked event loop must be caught. */
class NoBlockedThreadsExtensionTest {

    @Test
    void blockedEventLoopIsRecorded() throws Exception {
        Vertx vertx = TestVertx.create();
        try {
            Promise<Void> done = Promise.promise();
            vertx.runOnContext(v -> {
                long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
                while (System.nanoTime() < end) {
                    Thread.onSpinWait(); // busy on purpose: this is the bug the checker exists to catch
                }
                done.complete();
            });
            done.future().await(5, TimeUnit.SECONDS);
            Await.until(Duration.ofSeconds(2), () -> !NoBlockedThreadsExtension.recorder().records().isEmpty());
        } finally {
            vertx.close().await(5, TimeUnit.SECONDS);
        }
        // Drain so the global extension does not fail this test for the block we caused on purpose.
        List<LogRecord> records = NoBlockedThreadsExtension.recorder().drain();
        assertThat(records).isNotEmpty();
        assertThat(records.get(0).getMessage()).contains("blocked");
        assertThat(records.get(0).getLoggerName()).isEqualTo(NoBlockedThreadsExtension.LOGGER_NAME);
    }

    @Test
    void quietEventLoopRecordsNothing() throws Exception {
        Vertx vertx = TestVertx.create();
        try {
            vertx.runOnContext(v -> { }); // a normal, short task
            vertx.timer(150).await(5, TimeUnit.SECONDS);
        } finally {
            vertx.close().await(5, TimeUnit.SECONDS);
        }
        assertThat(NoBlockedThreadsExtension.recorder().records()).isEmpty();
    }
}
