package io.drwatch.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A Redis primary and replica on loopback, in a fresh directory under {@code baseDir}. Control methods
 * without {@code throws IOException} report failures as {@link LabException}.
 */
public final class RedisPair extends LabPair {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(10);

    private final int primaryPort;
    private final int replicaPort;
    private final Path server;
    private final Path cli;
    private final List<Process> background = new ArrayList<>();

    private RedisPair(Path dir, int primaryPort, int replicaPort, Optional<TlsFiles> tls) {
        super(dir, tls);
        this.primaryPort = primaryPort;
        this.replicaPort = replicaPort;
        this.server = Binaries.redisServer();
        this.cli = Binaries.redisCli();
    }

    /** Ports 0 pick free loopback ports. Returns once the replica's link to the primary is up. */
    public static RedisPair start(Path baseDir, int primaryPort, int replicaPort) throws IOException {
        return start(baseDir, primaryPort, replicaPort, Optional.empty());
    }

    /**
     * With {@code tls}: TLS only ({@code --port 0 --tls-port}), no client certificates asked for,
     * and the replica replicates over TLS; {@link #primaryUrl()} is then {@code rediss://localhost}.
     */
    public static RedisPair start(Path baseDir, int primaryPort, int replicaPort, Optional<TlsFiles> tls)
            throws IOException {
        Binaries.redisServer();
        Binaries.redisCli();
        int pp = primaryPort == 0 ? FreePorts.pick() : primaryPort;
        int rp = replicaPort == 0 ? FreePorts.pick() : replicaPort;
        Files.createDirectories(baseDir);
        RedisPair pair = new RedisPair(Files.createTempDirectory(baseDir.toAbsolutePath(), "redis-pair-"), pp, rp, tls);
        return booted(pair, "Redis pair", () -> {
            pair.whileOpen(() -> pair.launch("primary", pp));
            pair.whileOpen(() -> pair.launch("replica", rp, "--replicaof", "127.0.0.1", Integer.toString(pp)));
            pair.awaitLinkUp();
        });
    }

    public int primaryPort() {
        return primaryPort;
    }

    public int replicaPort() {
        return replicaPort;
    }

    public String primaryUrl() {
        return url(primaryPort);
    }

    public String replicaUrl() {
        return url(replicaPort);
    }

    // The certificate names localhost and 127.0.0.1; the host name is what a client checks.
    private String url(int port) {
        return tls.isPresent() ? "rediss://localhost:" + port : "redis://127.0.0.1:" + port;
    }

    /** The certificates the pair serves, when it was started with TLS. */
    public Optional<TlsFiles> tls() {
        return tls;
    }

    /** SIGKILL of the primary; returns once its port is closed. It comes back empty: there is no persistence. */
    public void killPrimary() {
        IoAction.unchecked(() -> {
            Exec.kill(Exec.readPid(dir.resolve("primary.pid")));
            Net.awaitClosed("redis primary", primaryPort, READY_TIMEOUT);
        });
    }

    public void startPrimary() {
        IoAction.unchecked(() -> whileOpen(() -> launch("primary", primaryPort)));
    }

    /** REPLICAOF a dead port: master_link_status goes down at once. */
    public void breakLink() {
        IoAction.unchecked(() -> expectOk(cliReplica("REPLICAOF", "127.0.0.1", Integer.toString(FreePorts.pick()))));
    }

    /** Re-points the replica at the primary; waits for the link only if the primary is up. */
    public void restoreLink() {
        IoAction.unchecked(() -> {
            expectOk(cliReplica("REPLICAOF", "127.0.0.1", Integer.toString(primaryPort)));
            if (Net.isListening(primaryPort)) {
                awaitLinkUp();
            }
        });
    }

    /**
     * Freezes the replica with DEBUG SLEEP from a background redis-cli, so writes to the primary pile up as
     * lag. Returns once the replica has stopped answering, so writes made afterwards are sure to lag.
     */
    public void pauseReplica(Duration d) {
        String seconds = String.format(Locale.ROOT, "%.3f", d.toMillis() / 1000.0);
        IoAction.unchecked(() -> {
            List<String> cmd = cliCommand(replicaPort);
            cmd.addAll(List.of("DEBUG", "SLEEP", seconds));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            synchronized (this) {
                background.removeIf(p -> !p.isAlive());
                background.add(pb.start());
            }
            if (d.toMillis() >= 300 && tls.isEmpty()) { // a shorter sleep may be over before we could observe it
                Poll.until(Duration.ofSeconds(2), "replica to start sleeping",
                        () -> !Net.answersPing(replicaPort, Duration.ofMillis(100)));
            }
        });
    }

    /** redis-cli against the primary; trimmed stdout with the protocol's \r removed. Error replies are returned too. */
    public String cliPrimary(String... args) throws IOException {
        return cli(primaryPort, args);
    }

    public String cliReplica(String... args) throws IOException {
        return cli(replicaPort, args);
    }

    @Override
    void stopServers() {
        background.forEach(Process::destroyForcibly);
        for (String name : List.of("replica", "primary")) {
            try {
                Path pidFile = dir.resolve(name + ".pid");
                if (Files.exists(pidFile)) {
                    Exec.kill(Exec.readPid(pidFile)); // no persistence, so nothing to shut down gracefully
                }
                Net.awaitClosed("redis " + name, "primary".equals(name) ? primaryPort : replicaPort, READY_TIMEOUT);
            } catch (IOException | RuntimeException e) {
                System.err.println("drwatch lab: could not stop redis " + name + ": " + e.getMessage());
            }
        }
    }

    @Override
    String logTails() {
        return Exec.tail(dir.resolve("primary.log"), 10) + "\n" + Exec.tail(dir.resolve("replica.log"), 10);
    }

    @Override
    public String toString() {
        return "RedisPair[" + primaryPort + "->" + replicaPort + ", " + dir + "]";
    }

    private void launch(String name, int port, String... extra) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(server.toString()));
        cmd.addAll(tls.isEmpty() ? List.of("--port", Integer.toString(port)) : List.of("--port", "0",
                "--tls-port", Integer.toString(port), "--tls-cert-file", tls.get().cert().toString(),
                "--tls-key-file", tls.get().key().toString(), "--tls-ca-cert-file", tls.get().ca().toString(),
                "--tls-auth-clients", "no", "--tls-replication", "yes"));
        cmd.addAll(List.of("--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString(),
                "--daemonize", "yes", "--enable-debug-command", "local", "--repl-diskless-sync-delay", "0",
                "--repl-timeout", "5", "--repl-ping-replica-period", "1",
                "--pidfile", dir.resolve(name + ".pid").toString(), "--logfile", dir.resolve(name + ".log").toString()));
        cmd.addAll(List.of(extra));
        Exec.check(cmd, READY_TIMEOUT);
        Poll.until(READY_TIMEOUT, "redis " + name + " to answer PING", () -> tls.isEmpty()
                ? Net.answersPing(port, Duration.ofMillis(500)) : Exec.run(withCli(port, "PING"), java.util.Map.of(),
                Duration.ofSeconds(2)).stdout().strip().equals("PONG"));
    }

    /**
     * Both sides: the replica may report its link up while the primary still lists it as
     * {@code wait_bgsave}, until the first ACK after a diskless sync arrives.
     */
    private void awaitLinkUp() throws IOException {
        Poll.until(READY_TIMEOUT, "replica master_link_status:up and listed online by the primary",
                () -> cliReplica("INFO", "replication").contains("master_link_status:up")
                        && cliPrimary("INFO", "replication").contains("port=" + replicaPort + ",state=online"));
    }

    private String cli(int port, String... args) throws IOException {
        return Exec.check(withCli(port, args), Duration.ofSeconds(30)).replace("\r", "").strip();
    }

    private List<String> withCli(int port, String... args) {
        List<String> cmd = cliCommand(port);
        cmd.addAll(List.of(args));
        return cmd;
    }

    private List<String> cliCommand(int port) {
        List<String> cmd = new ArrayList<>(List.of(cli.toString(), "-h", "127.0.0.1", "-p", Integer.toString(port)));
        tls.ifPresent(t -> cmd.addAll(List.of("--tls", "--cacert", t.ca().toString(), "--sni", "localhost")));
        return cmd;
    }

    private static void expectOk(String reply) throws IOException {
        if (!reply.startsWith("OK")) { // e.g. "OK Already connected to specified master"
            throw new IOException("expected OK from redis, got: " + reply);
        }
    }
}
