package io.drwatch.lab;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything the lab has started, so that Ctrl-C or a SIGTERMed test run does not leave servers running:
 * servers daemonize, so they outlive the JVM unless something stops them explicitly.
 */
public final class LabProcesses {
    private static final Set<AutoCloseable> LIVE = new LinkedHashSet<>();
    private static boolean hookInstalled;

    private LabProcesses() {
    }

    /** Call before starting the first process, so a half-finished start is covered too. */
    public static synchronized void register(AutoCloseable owner) {
        installHook();
        LIVE.add(owner);
    }

    static synchronized void installHook() {
        if (!hookInstalled) {
            // One hook doing both steps in order: JVM shutdown hooks run concurrently with each other.
            try {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    closeAll();
                    Exec.deleteScratch();
                }, "drwatch-lab-cleanup"));
            } catch (IllegalStateException alreadyShuttingDown) {
                return; // whoever is shutting down cleans up; nothing more can be registered now
            }
            hookInstalled = true;
        }
    }

    public static synchronized void unregister(AutoCloseable owner) {
        LIVE.remove(owner);
    }

    /**
     * The last part of a pair's close, once its servers are stopped: deletes its directory (a
     * failure is reported, not thrown, since close runs from shutdown hooks too) and unregisters it.
     */
    public static void release(AutoCloseable owner, java.nio.file.Path dir) {
        try {
            Exec.deleteTree(dir);
        } catch (java.io.IOException e) {
            System.err.println("drwatch lab: could not delete " + dir + ": " + e);
        }
        unregister(owner);
    }

    public static synchronized int liveCount() {
        return LIVE.size();
    }

    /** Closes everything still registered, newest first. */
    public static void closeAll() {
        List<AutoCloseable> snapshot;
        synchronized (LabProcesses.class) {
            snapshot = new ArrayList<>(LIVE);
        }
        for (int i = snapshot.size() - 1; i >= 0; i--) {
            try {
                snapshot.get(i).close();
            } catch (Exception | Error e) {
                System.err.println("drwatch lab: cleanup of " + snapshot.get(i) + " failed: " + e);
            }
        }
    }
}
