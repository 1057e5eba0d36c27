package io.drwatch.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Picks free loopback TCP ports. */
public final class FreePorts {
    // The OS may hand the same ephemeral port out twice in a row once we close the probe socket;
    // remembering what we returned keeps two pairs in one JVM from colliding.
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    /** A port that nothing listens on right now; still racy against other processes, like any probe. */
    public static int pick() {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = s.getLocalPort();
                if (HANDED_OUT.add(port)) {
                    return port;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot bind a loopback port", e);
            }
        }
        throw new LabException("no free loopback port after 50 attempts");
    }
}
