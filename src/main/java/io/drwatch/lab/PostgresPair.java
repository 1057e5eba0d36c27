package io.drwatch.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;

/**
 * A PostgreSQL primary and a streaming hot standby on loopback, in a fresh directory under {@code baseDir}.
 * Blocking; meant for main() and tests, never for an event loop.
 */
public final class PostgresPair extends LabPair {
    private static final Duration LINK_TIMEOUT = Duration.ofSeconds(20);

    private final PgServer primary;
    private final PgServer standby;

    private PostgresPair(Path dir, PgServer primary, PgServer standby, Optional<TlsFiles> tls) {
        super(dir, tls);
        this.primary = primary;
        this.standby = standby;
    }

    /** Ports 0 pick free loopback ports. Returns once the standby streams; writes no data of its own. */
    public static PostgresPair start(Path baseDir, int primaryPort, int standbyPort, Duration applyDelay)
            throws IOException {
        return start(baseDir, primaryPort, standbyPort, applyDelay, Optional.empty());
    }

    /**
     * With {@code tls}: {@code ssl = on} with its server certificate and a pg_hba.conf of
     * {@code hostssl} lines only, so plaintext is refused; the standby replicates over TLS. The
     * {@code postgres} user logs in without a password, every other user with scram-sha-256.
     */
    public static PostgresPair start(Path baseDir, int primaryPort, int standbyPort, Duration applyDelay,
            Optional<TlsFiles> tls) throws IOException {
        Path bin = Binaries.postgresBin();
        int pp = primaryPort == 0 ? FreePorts.pick() : primaryPort;
        int sp = standbyPort == 0 ? FreePorts.pick() : standbyPort;
        Files.createDirectories(baseDir);
        Path dir = Files.createTempDirectory(baseDir.toAbsolutePath(), "pg-pair-");
        PostgresPair pair = new PostgresPair(dir, new PgServer("primary", bin, dir.resolve("primary"), pp),
                new PgServer("standby", bin, dir.resolve("standby"), sp), tls);
        return booted(pair, "PostgreSQL pair", () -> pair.boot(applyDelay));
    }

    private void boot(Duration applyDelay) throws IOException {
        whileOpen(() -> {
            PostgresUser.prepareDir(dir);
            primary.initdb();
        });
        // No unix socket: everything talks TCP, and a long temp path would exceed the 107-byte socket path limit.
        primary.appendConf(String.join("\n",
                "listen_addresses = '127.0.0.1'", "port = " + primary.port, "unix_socket_directories = ''",
                "wal_level = replica", "max_wal_senders = 5", "wal_keep_size = '64MB'", "hot_standby = on",
                "fsync = off", "synchronous_commit = on", "shared_buffers = '32MB'",
                // pg_rewind (the agent's rebuild of an old primary) needs hint-bit WAL and full page writes
                "wal_log_hints = on", "full_page_writes = on",
                "log_min_messages = warning",
                // feedback every second keeps pg_stat_replication lag columns fresh for the watcher
                "wal_receiver_status_interval = '1s'",
                // reconnect quickly after restoreLink()/startPrimary() instead of the default 5 s
                "wal_retrieve_retry_interval = '500ms'"));
        if (tls.isPresent()) {
            tlsOnly(tls.get());
        }
        whileOpen(primary::start);
        whileOpen(() -> standby.basebackupFrom(primary));
        // primary_conninfo lives in postgresql.conf so that restoreLink() is a plain ALTER SYSTEM RESET.
        standby.appendConf(String.join("\n", "port = " + standby.port, "primary_conninfo = '" + conninfo(primary.port, tls) + "'",
                "recovery_min_apply_delay = '" + applyDelay.toMillis() + "ms'"));
        PostgresUser.chown(Files.createFile(standby.dataDir.resolve("standby.signal")));
        whileOpen(standby::start);
        awaitStreaming();
    }

    // The files live in the data dir, so pg_basebackup gives the standby the same certificate.
    private void tlsOnly(TlsFiles files) throws IOException {
        Path data = primary.dataDir;
        Files.copy(files.cert(), data.resolve("server.crt"));
        Files.copy(files.key(), data.resolve("server.key"));
        Files.setPosixFilePermissions(data.resolve("server.key"), PosixFilePermissions.fromString("rw-------"));
        Files.writeString(data.resolve("pg_hba.conf"), String.join("\n",
                "hostssl all postgres 127.0.0.1/32 trust", "hostssl replication all 127.0.0.1/32 trust",
                "hostssl all all 127.0.0.1/32 scram-sha-256", ""));
        if (Binaries.isRoot()) {
            for (String f : new String[] {"server.crt", "server.key", "pg_hba.conf"}) {
                PostgresUser.chown(data.resolve(f));
            }
        }
        primary.appendConf(String.join("\n", "ssl = on", "ssl_cert_file = 'server.crt'", "ssl_key_file = 'server.key'"));
    }

    public int primaryPort() {
        return primary.port;
    }

    public int standbyPort() {
        return standby.port;
    }

    /** The primary's data directory, for a PostgreSQL agent of the lab (it rebuilds the server there). */
    public Path primaryDataDir() {
        return primary.dataDir;
    }

    public Path standbyDataDir() {
        return standby.dataDir;
    }

    /** The log pg_ctl start writes for that data directory. */
    public static Path serverLog(Path dataDir) {
        return dataDir.resolveSibling(dataDir.getFileName() + ".log");
    }

    /** Where initdb, pg_ctl, pg_rewind and pg_basebackup are. */
    public static Path binDir() {
        return Binaries.postgresBin();
    }

    /** The user the servers run as: postgres when the lab runs as root (runuser), else empty (the lab's own). */
    public static java.util.Optional<String> serverUser() {
        return Binaries.isRoot() ? java.util.Optional.of("postgres") : java.util.Optional.empty();
    }

    public String primaryUrl() {
        return "postgresql://postgres@127.0.0.1:" + primary.port + "/postgres";
    }

    public String standbyUrl() {
        return "postgresql://postgres@127.0.0.1:" + standby.port + "/postgres";
    }

    /** Returns once the standby runs with the new delay; it applies to commits replayed from then on. */
    public void setApplyDelay(Duration d) throws IOException {
        String ms = Long.toString(d.toMillis());
        standby.psql("ALTER SYSTEM SET recovery_min_apply_delay = '" + ms + "ms'", "SELECT pg_reload_conf()");
        // pg_reload_conf() only signals; new sessions see the value once the reload has been processed.
        Poll.until(LINK_TIMEOUT, "recovery_min_apply_delay = " + ms + " ms", () -> ms.equals(standby.psql(
                "SELECT setting FROM pg_settings WHERE name = 'recovery_min_apply_delay'")));
    }

    /** Points the standby at a dead port and returns once its WAL receiver no longer streams. */
    public void breakLink() throws IOException {
        standby.psql("ALTER SYSTEM SET primary_conninfo = '" + conninfo(FreePorts.pick(), tls) + "'", "SELECT pg_reload_conf()");
        Poll.until(LINK_TIMEOUT, "standby WAL receiver to stop", () -> "0".equals(
                standby.psql("SELECT count(*) FROM pg_stat_wal_receiver WHERE status = 'streaming'")));
    }

    /** Restores the real primary_conninfo; waits for streaming only if the primary is up to stream. */
    public void restoreLink() throws IOException {
        standby.psql("ALTER SYSTEM RESET primary_conninfo", "SELECT pg_reload_conf()");
        if (Net.isListening(primary.port)) {
            awaitStreaming();
        }
    }

    /** SIGKILL of the postmaster; returns once its port is closed. */
    public void killPrimary() throws IOException {
        primary.kill();
    }

    public void stopPrimary() throws IOException {
        primary.stop("fast");
    }

    public void startPrimary() throws IOException {
        whileOpen(primary::start);
    }

    public String psqlStandby(String sql) throws IOException {
        return standby.psql(sql);
    }

    public String psqlPrimary(String sql) throws IOException {
        return primary.psql(sql);
    }

    @Override
    void stopServers() {
        standby.forceStop();
        primary.forceStop();
    }

    @Override
    String logTails() {
        return primary.logTail() + "\n" + standby.logTail();
    }

    @Override
    public String toString() {
        return "PostgresPair[" + primary.port + "->" + standby.port + ", " + dir + "]";
    }

    private void awaitStreaming() throws IOException {
        Poll.until(LINK_TIMEOUT, "standby to stream from primary", () -> "1".equals(primary.psql(
                "SELECT count(*) FROM pg_stat_replication WHERE application_name = 'standby' AND state = 'streaming'")));
    }

    private static String conninfo(int port, Optional<TlsFiles> tls) {
        return "host=127.0.0.1 port=" + port + " user=postgres application_name=standby connect_timeout=2"
                + (tls.isPresent() ? " sslmode=require" : "");
    }
}
