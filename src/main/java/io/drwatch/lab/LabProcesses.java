package io.drwatch.lab;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything the lab has started, so that Ctrl-C or a crashed test JVM does not leave servers running:
 * servers daemonize, so they outlive the JVM unless something stops them explicitly.
 */
public final class LabProcesses {
    private static final Set<AutoCloseable> LIVE = new LinkedHashSet<>();
    private static boolean hookInstalled;

    private LabProcesses() {
    }

    /** Call before starting the first process, so a half-finished start is covered too. */
    public static synchronized void register(AutoCloseable owner) {
        if (!hookInstalled) {
            Runtime.getRuntime().addShutdownHook(new Thread(LabProcesses::closeAll, "drwatch-lab-cleanup"));
            hookInstalled = true;
        }
        LIVE.add(owner);
    }

    public static synchronized void unregister(AutoCloseable owner) {
        LIVE.remove(owner);
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
