package io.drwatch.testkit;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

/**
 * Vert.x for tests with a strict blocked-thread checker: any event-loop task over 100 ms is reported
 * within 50 ms, and {@link NoBlockedThreadsExtension} turns that report into a test failure.
 */
public final class TestVertx {
    static {
        NoBlockedThreadsExtension.ensureJulLogging();
    }

    private TestVertx() {
    }

    public static VertxOptions options() {
        return new VertxOptions()
                .setBlockedThreadCheckInterval(50)
                .setBlockedThreadCheckIntervalUnit(MILLISECONDS)
                .setMaxEventLoopExecuteTime(100)
                .setMaxEventLoopExecuteTimeUnit(MILLISECONDS);
    }

    public static Vertx create() {
        return Vertx.vertx(options());
    }
}
