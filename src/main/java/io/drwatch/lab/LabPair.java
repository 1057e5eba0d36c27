package io.drwatch.lab;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a PostgreSQL and a Redis pair share: a directory of their own, optional TLS, a place in
 * {@link LabProcesses} from before the first process starts, and a close that may race a start.
 */
public abstract class LabPair implements AutoCloseable {
    final Path dir;
    final Optional<TlsFiles> tls;
    private boolean closed;

    LabPair(Path dir, Optional<TlsFiles> tls) {
        this.dir = dir;
        this.tls = tls;
    }

    /**
     * Registers {@code pair} and runs {@code boot}; a failed boot closes the pair (stopping whatever
     * had started) and fails naming {@code what}, the directory and the servers' log tails.
     */
    static <P extends LabPair> P booted(P pair, String what, IoAction boot) throws IOException {
        LabProcesses.register(pair);
        boolean started = false;
        try {
            boot.run();
            started = true;
            return pair;
        } catch (IOException e) {
            throw new IOException(what + " in " + pair.dir + " failed to start: " + e.getMessage() + "\n"
                    + pair.logTails(), e);
        } finally {
            if (!started) {
                pair.close();
            }
        }
    }

    public Path dir() {
        return dir;
    }

    /** The certificates the pair serves, when it was started with TLS. */
    public Optional<TlsFiles> tls() {
        return tls;
    }

    /**
     * Steps that start processes hold the lock close() takes, and refuse to run once closed: otherwise a
     * Ctrl-C during start() could close the pair and then see a server started behind its back.
     */
    synchronized void whileOpen(IoAction step) throws IOException {
        if (closed) {
            throw new IOException("closed while starting (shutdown in progress)");
        }
        step.run();
    }

    @Override
    public final synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopServers();
        LabProcesses.release(this, dir);
    }

    /** Stops both servers; reports a failure rather than throwing, since close runs from shutdown hooks too. */
    abstract void stopServers();

    /** The end of each server's log, for a failed start's message. */
    abstract String logTails();
}
