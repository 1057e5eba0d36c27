package io.drwatch.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One PostgreSQL server (data dir + port), driven through pg_ctl and psql as the postgres user. */
final class PgServer {
    private static final Duration CMD_TIMEOUT = Duration.ofSeconds(30);

    final String name;
    final Path dataDir;
    final int port;
    private final Path bin;
    private final Path log;

    PgServer(String name, Path bin, Path dataDir, int port) {
        this.name = name;
        this.bin = bin;
        this.dataDir = dataDir;
        this.port = port;
        this.log = dataDir.resolveSibling(name + ".log");
    }

    void initdb() throws IOException {
        asPostgres(List.of(tool("initdb"), "-D", dataDir.toString(), "-U", "postgres", "--auth=trust",
                "-E", "UTF8", "--no-sync"), Duration.ofSeconds(60));
    }

    void basebackupFrom(PgServer primary) throws IOException {
        asPostgres(List.of(tool("pg_basebackup"), "-h", "127.0.0.1", "-p", Integer.toString(primary.port),
                "-U", "postgres", "-D", dataDir.toString(), "-X", "stream", "-c", "fast", "--no-sync"),
                Duration.ofSeconds(60));
    }

    /** Later settings win in postgresql.conf, so appending is enough to override the copied primary's. */
    void appendConf(String lines) throws IOException {
        Files.writeString(dataDir.resolve("postgresql.conf"), "\n" + lines + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
    }

    void start() throws IOException {
        // Right after a kill -9 the old backends may still hold the shared memory segment for a moment
        // and the new postmaster refuses to start, so a failed start is retried briefly.
        long oldPid = postmasterPid();
        if (oldPid > 0) {
            Poll.until(Duration.ofSeconds(15), name + " old postmaster " + oldPid + " to be reaped", () -> Exec.isGone(oldPid));
        }
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                asPostgres(List.of(tool("pg_ctl"), "-D", dataDir.toString(), "-l", log.toString(),
                        "-w", "-t", "30", "start"), Duration.ofSeconds(40));
                return;
            } catch (IOException e) {
                last = e;
                Poll.sleep(Duration.ofMillis(200L * (attempt + 1)));
            }
        }
        throw new IOException(name + " did not start: " + last.getMessage() + "\n" + Exec.tail(log, 15), last);
    }

    void stop(String mode) throws IOException {
        asPostgres(List.of(tool("pg_ctl"), "-D", dataDir.toString(), "-m", mode, "-w", "-t", "30", "stop"),
                Duration.ofSeconds(40));
    }

    void kill() throws IOException {
        long pid = postmasterPid();
        if (pid > 0) {
            Exec.kill(pid);
        }
        Net.awaitClosed(name, port, Duration.ofSeconds(10));
    }

    /** Best effort for cleanup paths: immediate stop, and SIGKILL if pg_ctl could not do it. */
    void forceStop() {
        long pid = postmasterPid();
        if (pid <= 0 || !Exec.isRunning(pid)) {
            return; // never started, stopped, or killed: its backends exit on their own
        }
        try {
            asPostgres(List.of(tool("pg_ctl"), "-D", dataDir.toString(), "-m", "immediate", "-w", "-t", "10", "stop"),
                    Duration.ofSeconds(15));
        } catch (IOException | RuntimeException e) {
            try {
                kill();
            } catch (IOException | RuntimeException e2) {
                System.err.println("drwatch lab: could not stop " + name + ": " + e2.getMessage());
            }
        }
    }

    /** Line 1 of postmaster.pid, or -1 when there is no (readable) pid file. */
    private long postmasterPid() {
        try {
            return Exec.readPid(dataDir.resolve("postmaster.pid"));
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** Each statement is sent separately, because ALTER SYSTEM refuses to run in a multi-statement batch. */
    String psql(String... statements) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(tool("psql"), "-X", "-A", "-t", "-q", "-v", "ON_ERROR_STOP=1",
                "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", "postgres", "-d", "postgres"));
        for (String s : statements) {
            cmd.add("-c");
            cmd.add(s);
        }
        return Exec.check(cmd, Map.of("PGCONNECT_TIMEOUT", "3"), CMD_TIMEOUT).strip();
    }

    String logTail() {
        return Exec.tail(log, 15);
    }

    private String tool(String name) {
        return bin.resolve(name).toString();
    }

    private static void asPostgres(List<String> cmd, Duration timeout) throws IOException {
        List<String> full = new ArrayList<>();
        if (Binaries.isRoot()) {
            full.addAll(List.of(Binaries.runuser().toString(), "-u", "postgres", "--"));
        }
        full.addAll(cmd);
        Exec.check(full, timeout);
    }
}
