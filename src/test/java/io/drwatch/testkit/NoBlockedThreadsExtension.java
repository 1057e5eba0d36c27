package io.drwatch.testkit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails any test during which Vert.x reported a blocked thread. Registered for every test through
 * junit-platform.properties (autodetection) and META-INF/services.
 */
public final class NoBlockedThreadsExtension implements BeforeEachCallback, AfterEachCallback {
    /** The name Vert.x 5 still logs under, although the class moved to io.vertx.core.internal.threadchecker. */
    public static final String LOGGER_NAME = "io.vertx.core.impl.BlockedThreadChecker";

    private static final String DELEGATE_PROPERTY = "vertx.logger-delegate-factory-class-name";
    // Held strongly: JUL keeps loggers only weakly, and a collected logger would drop our handler.
    private static final Logger LOGGER;
    private static final Recorder RECORDER = new Recorder();

    static {
        ensureJulLogging();
        LOGGER = Logger.getLogger(LOGGER_NAME);
        LOGGER.addHandler(RECORDER);
    }

    /**
     * The check listens on java.util.logging; if SLF4J or Log4j2 appeared on the test classpath, Vert.x would
     * log there instead and the check would pass silently. Runs before any Vert.x class logs, because the
     * extension is loaded when the test engine starts. An explicit choice via the property is respected.
     */
    static void ensureJulLogging() {
        if (System.getProperty(DELEGATE_PROPERTY) == null) {
            System.setProperty(DELEGATE_PROPERTY, "io.vertx.core.logging.JULLogDelegateFactory");
        }
    }

    /** The handler, for tests that expect a blocked thread and must drain it so they do not fail. */
    public static Recorder recorder() {
        return RECORDER;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        RECORDER.drain();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        List<LogRecord> blocked = RECORDER.drain();
        if (!blocked.isEmpty()) {
            LogRecord first = blocked.get(0);
            AssertionError e = new AssertionError("Vert.x reported " + blocked.size() + " blocked-thread warning(s) during "
                    + context.getDisplayName() + "; first: " + first.getMessage(), first.getThrown());
            throw e;
        }
    }

    /** Collects every record logged by the blocked-thread checker. */
    public static final class Recorder extends Handler {
        private final List<LogRecord> records = new CopyOnWriteArrayList<>();

        private Recorder() {
            setLevel(Level.ALL);
        }

        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        public List<LogRecord> records() {
            return List.copyOf(records);
        }

        /** Returns and forgets what was recorded so far. */
        public synchronized List<LogRecord> drain() {
            List<LogRecord> copy = List.copyOf(records);
            records.removeAll(copy);
            return copy;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
