package io.drwatch.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * Proves the global blocked-thread check is live (a deliberately blocked event loop is caught, with
 * the test's own frame on its stack) and judges as documented: a drwatch frame or more than 500 ms.
 */
class NoBlockedThreadsExtensionTest {

    private static LogRecord warning(long ms, StackTraceElement... stack) {
        LogRecord r = new LogRecord(Level.WARNING, "Thread Thread[#31,vert.x-eventloop-thread-0,5,main] has been blocked for "
                + ms + " ms, time limit is 100 ms");
        r.setLoggerName(NoBlockedThreadsExtension.LOGGER_NAME);
        if (stack.length > 0) {
            Exception blocked = new Exception("Thread blocked");
            blocked.setStackTrace(stack);
            r.setThrown(blocked);
        }
        return r;
    }

    private static final StackTraceElement NETTY = new StackTraceElement(
            "io.netty.handler.ssl.SslContext", "newServerContext", "SslContext.java", 420);
    private static final StackTraceElement VERTX = new StackTraceElement(
            "io.vertx.core.impl.ContextImpl", "emit", "ContextImpl.java", 300);
    private static final StackTraceElement DRWATCH = new StackTraceElement(
            "io.drwatch.app.probe.ProbeLoop", "tick", "ProbeLoop.java", 90);

    @Test
    void aShortBlockWithoutADrwatchFrameIsTolerated() {
        assertThat(NoBlockedThreadsExtension.offence(warning(180, NETTY, VERTX))).isEmpty();
        assertThat(NoBlockedThreadsExtension.offence(warning(500))).isEmpty();
        NoBlockedThreadsExtension.check(List.of(warning(180, NETTY, VERTX)), "a synthetic test");
    }

    @Test
    void aDrwatchFrameFailsEvenAShortBlock() {
        assertThat(NoBlockedThreadsExtension.offence(warning(120, NETTY, DRWATCH, VERTX)))
                .hasValueSatisfying(why -> assertThat(why).contains("in drwatch code at io.drwatch.app.probe.ProbeLoop.tick"));
        assertThatThrownBy(() -> NoBlockedThreadsExtension.check(
                List.of(warning(150, NETTY), warning(120, DRWATCH)), "a synthetic test"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("1 blocked-thread warning(s) during a synthetic test")
                .hasMessageContaining("ProbeLoop.tick");
    }

    @Test
    void classLoadingAskedForByDrwatchCodeIsTheColdJvmsNotDrwatchs() {
        StackTraceElement define = new StackTraceElement("java.lang.ClassLoader", "defineClass1", null, -2);
        StackTraceElement load = new StackTraceElement("jdk.internal.loader.BuiltinClassLoader", "loadClass", null, 639);
        StackTraceElement clinit = new StackTraceElement("io.drwatch.adapter.Foo", "<clinit>", "Foo.java", 12);
        assertThat(NoBlockedThreadsExtension.offence(warning(200, define, load, VERTX, DRWATCH))).isEmpty();
        // A drwatch static initializer doing the work is drwatch's, loader frames below it or not.
        assertThat(NoBlockedThreadsExtension.offence(warning(200, NETTY, clinit, define, load, DRWATCH)))
                .hasValueSatisfying(why -> assertThat(why).contains("io.drwatch.adapter.Foo.<clinit>"));
        assertThat(NoBlockedThreadsExtension.offence(warning(600, define, load, DRWATCH))).isPresent();
    }

    @Test
    void linkingALambdaCallSiteOnFirstUseIsTheColdJvmsNotDrwatchs() {
        StackTraceElement spin = new StackTraceElement("java.lang.invoke.InnerClassLambdaMetafactory", "spinInnerClass", null, 315);
        StackTraceElement link = new StackTraceElement("java.lang.invoke.MethodHandleNatives", "linkCallSite", null, 271);
        StackTraceElement lambda = new StackTraceElement("io.drwatch.adapter.http.HttpApi", "lambda$router$13", "HttpApi.java", 80);
        assertThat(NoBlockedThreadsExtension.offence(warning(131, spin, link, lambda, VERTX))).isEmpty();
        assertThat(NoBlockedThreadsExtension.offence(warning(131, NETTY, lambda, VERTX))).isPresent();
        assertThat(NoBlockedThreadsExtension.offence(warning(600, spin, link, lambda))).isPresent();
    }

    /** Blocks an event loop in this class's own (drwatch) code, and waits until Vert.x reported it. */
    static void blockAnEventLoop() throws Exception {
        Vertx vertx = TestVertx.create();
        try {
            vertx.runOnContext(v -> {
                long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
                while (System.nanoTime() < end) {
                    Thread.onSpinWait();
                }
            });
            Await.until(Duration.ofSeconds(5), () -> !NoBlockedThreadsExtension.recorder().records().isEmpty());
        } finally {
            vertx.close().await(5, TimeUnit.SECONDS);
        }
    }

    /** Run by {@link #aBlockInBeforeAllFailsTheClassUnlessItIsADeclaredWarmUp} only (surefire skips nested classes). */
    static class BlocksInBeforeAll {
        @BeforeAll
        static void start() throws Exception {
            blockAnEventLoop();
        }

        @Test
        void nothing() {
        }
    }

    static class BlocksInWarmUp {
        @BeforeAll
        @NoBlockedThreadsExtension.WarmUp
        static void start() throws Exception {
            blockAnEventLoop();
        }

        @Test
        void nothing() {
        }
    }

    private static Events run(Class<?> testClass) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
                .selectors(selectClass(testClass)).execute().allEvents();
    }

    @Test
    void aBlockInBeforeAllFailsTheClassUnlessItIsADeclaredWarmUp() {
        Events checked = run(BlocksInBeforeAll.class);
        assertThat(checked.failed().list()).singleElement().satisfies(e -> assertThat(
                e.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow())
                .hasMessageContaining("during @BeforeAll BlocksInBeforeAll.start")
                .hasMessageContaining("in drwatch code at").hasMessageContaining("NoBlockedThreadsExtensionTest.lambda$blockAnEventLoop"));
        assertThat(checked.succeeded().count()).as("the class's test never ran").isEqualTo(1); // the engine itself

        Events warmUp = run(BlocksInWarmUp.class);
        assertThat(warmUp.failed().count()).isZero();
        assertThat(warmUp.succeeded().list()).anySatisfy(e ->
                assertThat(e.getTestDescriptor().getDisplayName()).isEqualTo("nothing()"));
    }

    @Test
    void aBlockOverFiveHundredMillisecondsFailsWhateverTheStack() {
        assertThat(NoBlockedThreadsExtension.offence(warning(501, NETTY, VERTX)))
                .hasValueSatisfying(why -> assertThat(why).contains("over 500 ms"));
        assertThat(NoBlockedThreadsExtension.offence(warning(2_000))).isPresent();
    }

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
        // The busy loop above is this class's lambda: a drwatch frame, so the check would fail it.
        assertThat(records).anySatisfy(r -> assertThat(NoBlockedThreadsExtension.offence(r))
                .hasValueSatisfying(why -> assertThat(why).contains("NoBlockedThreadsExtensionTest")));
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
