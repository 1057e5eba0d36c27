package io.drwatch.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * Fails a test during which Vert.x reported a blocked thread that is drwatch's doing: a drwatch
 * frame ({@code io.drwatch.}) running on the blocked stack, or a block longer than
 * {@link #TOLERATED_MS} whatever the stack. Shorter blocks with no drwatch frame above the first
 * class-loader or call-site-linking frame (a cold JVM loading classes or linking a lambda, Netty's
 * TLS set-up, a 2-core machine shared with PostgreSQL, Redis and Chromium not scheduling the loop)
 * are printed, not failed.
 * Registered for every test through junit-platform.properties (autodetection) and META-INF/services.
 * {@code @BeforeAll} and {@code @AfterAll} methods are checked like tests, except a declared
 * warm-up: a {@code @BeforeAll} method annotated {@link WarmUp} or named {@code warmUp}, whose job is
 * to take a cold JVM's one-off costs (class loading, lambda linkage) before the checked tests.
 */
public final class NoBlockedThreadsExtension
        implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback, InvocationInterceptor {
    /** The name Vert.x 5 still logs under, although the class moved to io.vertx.core.internal.threadchecker. */
    public static final String LOGGER_NAME = "io.vertx.core.impl.BlockedThreadChecker";
    /** A block longer than this fails even with no drwatch frame: no machine is that slow. */
    public static final long TOLERATED_MS = 500;

    private static final String DRWATCH_FRAME = "io.drwatch.";
    private static final Pattern BLOCKED_FOR = Pattern.compile("blocked for (\\d+) ms");
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
     * The check listens on java.util.logging; with SLF4J (logback) on the test classpath Vert.x would
     * log there instead and the check would pass silently. Runs before any Vert.x class logs, because
     * the extension is loaded when the test engine starts. An explicit choice via the property is respected.
     */
    static void ensureJulLogging() {
        if (System.getProperty(DELEGATE_PROPERTY) == null) {
            System.setProperty(DELEGATE_PROPERTY, "io.vertx.core.logging.JULLogDelegateFactory");
        }
    }

    /** Marks a {@code @BeforeAll} method as a cold-JVM warm-up: blocks in it are printed, not failed. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    public @interface WarmUp {
    }

    /** The handler, for tests that expect a blocked thread and must drain it so they do not fail. */
    public static Recorder recorder() {
        return RECORDER;
    }

    /**
     * Why this blocked-thread warning fails a test, or empty if it is tolerated. The stack is the
     * one Vert.x attaches (TestVertx asks for it on every warning); without one, only the duration counts.
     */
    public static Optional<String> offence(LogRecord warning) {
        String message = String.valueOf(warning.getMessage());
        Matcher m = BLOCKED_FOR.matcher(message);
        long ms = m.find() ? Long.parseLong(m.group(1)) : Long.MAX_VALUE;
        if (ms > TOLERATED_MS) {
            return Optional.of(message + " (over " + TOLERATED_MS + " ms)");
        }
        Throwable stack = warning.getThrown();
        if (stack != null) {
            // From the innermost frame out: what runs is drwatch's doing until the first class-loader
            // frame. Below that, drwatch code only asked for a class a cold JVM had not loaded yet.
            for (StackTraceElement frame : stack.getStackTrace()) {
                if (loadsClasses(frame)) {
                    break;
                }
                if (frame.getClassName().startsWith(DRWATCH_FRAME)) {
                    return Optional.of(message + " in drwatch code at " + frame);
                }
            }
        }
        return Optional.empty();
    }

    // Also the first call through a lambda or method reference: the JVM links its call site once,
    // spinning a hidden class (seen at 131 ms on a busy 2-core machine).
    private static boolean loadsClasses(StackTraceElement frame) {
        String c = frame.getClassName();
        return c.equals("java.lang.ClassLoader") || c.equals("java.security.SecureClassLoader")
                || c.equals("java.net.URLClassLoader") || c.startsWith("jdk.internal.loader.")
                || (c.equals("java.lang.Class") && frame.getMethodName().startsWith("forName"))
                || (c.equals("java.lang.invoke.MethodHandleNatives") && frame.getMethodName().startsWith("linkCallSite"));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        check(RECORDER.drain(), "before " + context.getDisplayName());
    }

    @Override
    public void interceptBeforeAllMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
            ExtensionContext context) throws Throwable {
        Method m = call.getExecutable();
        String during = "@BeforeAll " + m.getDeclaringClass().getSimpleName() + "." + m.getName();
        check(RECORDER.drain(), "before " + during);
        invocation.proceed();
        List<LogRecord> blocked = RECORDER.drain();
        if (m.isAnnotationPresent(WarmUp.class) || m.getName().equals("warmUp")) {
            if (!blocked.isEmpty()) {
                System.err.println("NoBlockedThreadsExtension: " + blocked.size() + " blocked-thread warning(s) in the warm-up "
                        + during + ", not counted; first: " + blocked.get(0).getMessage());
            }
        } else {
            check(blocked, during);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        // Reported after the @BeforeAll methods returned (work they left running), or by class-level extensions.
        check(RECORDER.drain(), "set-up of " + context.getRequiredTestClass().getSimpleName()
                + ", before " + context.getDisplayName());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        check(RECORDER.drain(), context.getDisplayName());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        check(RECORDER.drain(), "@AfterAll of " + context.getDisplayName());
    }

    static void check(List<LogRecord> blocked, String during) {
        List<LogRecord> failing = blocked.stream().filter(r -> offence(r).isPresent()).toList();
        blocked.stream().filter(r -> offence(r).isEmpty()).findFirst().ifPresent(r -> System.err.println(
                "NoBlockedThreadsExtension: tolerated during " + during + " (no drwatch frame, not over "
                        + TOLERATED_MS + " ms): " + r.getMessage()));
        if (!failing.isEmpty()) {
            LogRecord first = failing.get(0);
            throw new AssertionError("Vert.x reported " + failing.size() + " blocked-thread warning(s) during "
                    + during + "; first: " + offence(first).orElseThrow(), first.getThrown());
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
