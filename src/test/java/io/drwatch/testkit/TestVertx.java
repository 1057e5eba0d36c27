package io.drwatch.testkit;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

/**
 * Vert.x for tests with a strict blocked-thread checker: any event-loop task over 100 ms is reported
 * within 50 ms, with the blocked thread's stack (warning exception time 1 ms), so that
 * {@link NoBlockedThreadsExtension} can tell drwatch's blocks from the machine's.
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
                .setMaxEventLoopExecuteTimeUnit(MILLISECONDS)
                .setWarningExceptionTime(1)
                .setWarningExceptionTimeUnit(MILLISECONDS);
    }

    public static Vertx create() {
        return Vertx.vertx(options());
    }
}
