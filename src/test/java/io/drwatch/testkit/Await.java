package io.drwatch.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Bounded polling for tests: wait for a condition, never for a guessed amount of time. */
public final class Await {
    private static final Duration POLL = Duration.ofMillis(20);

    /** A condition that may throw, e.g. one that runs psql or redis-cli. */
    @FunctionalInterface
    public interface Check {
        boolean ok() throws Exception;
    }

    private Await() {
    }

    /** Polls until the condition holds; fails the test after {@code timeout}. Exceptions count as "not yet". */
    public static void until(Duration timeout, BooleanSupplier condition) {
        until(timeout, "condition", condition::getAsBoolean);
    }

    public static void until(Duration timeout, String what, Check condition) {
        until(timeout, () -> what, condition);
    }

    /** As {@link #until(Duration, String, Check)}, with the description made at the time-out (it may name what is missing). */
    public static void until(Duration timeout, java.util.function.Supplier<String> describe, Check condition) {
        String what = "condition";
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        Exception last = null;
        while (true) {
            try {
                if (condition.ok()) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + describe.get(), e);
            } catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() - deadline > 0) {
                what = describe.get();
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what
                        + (last == null ? "" : " (last error: " + last + ")"), last);
            }
            pause(POLL);
        }
    }

    /**
     * Lets wall time pass on purpose, where time itself is the subject: a sampling window, a fault
     * that must last 0.8 s, "nothing arrives for a while". Never for synchronization: wait for a
     * condition with {@link #until} instead (the ITs wait for probe rounds, not seconds).
     */
    public static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Milliseconds since {@code startNanos} (a {@link System#nanoTime()} value). */
    public static long elapsedMillis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
