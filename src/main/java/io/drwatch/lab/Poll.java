package io.drwatch.lab;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;

/** Bounded polling: every wait in the lab has a deadline so a broken server fails fast instead of hanging. */
final class Poll {
    interface Check {
        boolean ok() throws IOException;
    }

    private Poll() {
    }

    static void until(Duration timeout, String what, Check check) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        IOException last = null;
        while (true) {
            try {
                if (check.ok()) {
                    return;
                }
            } catch (IOException e) {
                last = e;
            }
            if (System.nanoTime() - deadline > 0) {
                String cause = last == null ? "" : " (last error: " + last.getMessage() + ")";
                throw new IOException("timed out after " + timeout.toMillis() + " ms waiting for " + what + cause, last);
            }
            sleep(Duration.ofMillis(25));
        }
    }

    static void sleep(Duration d) throws InterruptedIOException {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
    }
}
