package io.drwatch.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code drwatch agent --config agent.yaml}: the agent on a PostgreSQL host that rebuilds the local
 * server as a standby when a drwatch runbook asks (see docs/pg-agent.md).
 *
 * @param host the listener's address, default 127.0.0.1
 * @param port the listener's port, 1-65535, default 9470
 * @param token the bearer token a caller must send ({@code token} or {@code tokenFile}), required
 * @param pgdata the server's data directory, required
 * @param bin the directory of pg_ctl, pg_rewind and pg_basebackup, required
 * @param serverLog the file pg_ctl start logs to, default {@code <pgdata>.log} next to the data dir
 * @param runAs a user the PostgreSQL tools run as through {@code runuser -u} (the agent then runs as
 *     root); empty: as the agent's own user, the normal case (the agent runs as postgres)
 * @param tls the listener's PEM certificate chain and key, both or neither; empty: plain HTTP
 * @param jobTimeout the bound of one rebuild, default 30m
 */
public record AgentConfig(String host, int port, Secret token, Path pgdata, Path bin, Path serverLog,
    Optional<String> runAs, Optional<Tls> tls, Duration jobTimeout) {

  /** PEM files of the agent's HTTPS listener, read at start. */
  public record Tls(Path certFile, Path keyFile) {}

  public static AgentConfig load(Path file) throws ConfigException {
    String yaml;
    try {
      yaml = Files.readString(file);
    } catch (IOException e) {
      throw new ConfigException(List.of("cannot read agent config file " + file + ": " + ConfigLoader.reason(e)));
    }
    return parse(yaml, System::getenv);
  }

  public static AgentConfig parse(String yaml, Function<String, String> env) throws ConfigException {
    JsonNode json = YamlSource.read(yaml);
    List<String> errors = new ArrayList<>();
    Node node = Node.root(json, env, errors);
    node.rejectUnknown("listen", "token", "tokenFile", "pgdata", "bin", "serverLog", "runAs", "tls", "jobTimeout");
    Optional<Node> listen = node.object("listen");
    listen.ifPresent(l -> l.rejectUnknown("host", "port"));
    String host = listen.map(l -> l.string("host", "127.0.0.1")).orElse("127.0.0.1");
    int port = listen.map(l -> l.integer("port", 9470, 1, 65535)).orElse(9470);
    Optional<Secret> token = ConfigLoader.secret(node, "token");
    if (token.isEmpty() && !node.has("token") && !node.has("tokenFile")) {
      node.error("token", "required (or tokenFile): the bearer token drwatch's pg-rebuild-standby sends");
    }
    Optional<Path> pgdata = path(node, "pgdata", true);
    Optional<Path> bin = path(node, "bin", true);
    Optional<Path> log = path(node, "serverLog", false);
    Optional<String> runAs = node.string("runAs").filter(s -> !s.isBlank());
    Optional<Tls> tls = node.object("tls").flatMap(t -> {
      t.rejectUnknown("certFile", "keyFile");
      Optional<Path> cert = path(t, "certFile", true);
      Optional<Path> key = path(t, "keyFile", true);
      return cert.isPresent() && key.isPresent() ? Optional.of(new Tls(cert.get(), key.get())) : Optional.empty();
    });
    Duration jobTimeout = node.duration("jobTimeout", Duration.ofMinutes(30), true);
    if (!errors.isEmpty()) {
      throw new ConfigException(errors);
    }
    Path data = pgdata.orElseThrow();
    return new AgentConfig(host, port, token.orElseThrow(), data, bin.orElseThrow(),
        log.orElseGet(() -> data.resolveSibling(data.getFileName() + ".log")), runAs, tls, jobTimeout);
  }

  private static Optional<Path> path(Node node, String key, boolean required) {
    Optional<String> text = required ? node.requiredString(key) : node.string(key);
    try {
      return text.filter(s -> !s.isBlank()).map(s -> Path.of(s).toAbsolutePath().normalize());
    } catch (InvalidPathException e) {
      node.invalid(key, "must be a valid path (" + e.getReason() + ")", text.orElse(""));
      return Optional.empty();
    }
  }
}
