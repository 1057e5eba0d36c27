package io.drwatch.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Reads {@code http}: where the listener binds, its TLS files, its read token and its limits. */
final class HttpReader {
  static final String RETIRED = "retired: each role has its own token now: runbook.token"
      + " (operator), detection.peerToken (peers' votes) and detection.events.token (events)";
  private static final Duration DEFAULT_CHECK_EVERY = Duration.ofSeconds(10);

  private HttpReader() {}

  static HttpConfig read(Optional<Node> section) {
    if (section.isEmpty()) {
      return HttpConfig.plain("127.0.0.1", 9464);
    }
    Node node = section.get();
    // One token for every role let a peer execute a failover; its own check names the new keys.
    for (String retired : new String[] {"token", "tokenFile"}) {
      if (node.has(retired)) {
        node.error(retired, RETIRED);
      }
    }
    node.rejectUnknown(List.of("token", "tokenFile"), "host", "port", "tls", "readToken",
        "readTokenFile", "idleTimeout", "maxConnections", "maxInitialLineLength", "maxHeaderSize");
    String host = ConfigLoader.nonEmpty(node, "host").orElse("127.0.0.1");
    int port = node.integer("port", 9464, 0, 65535);
    Optional<TlsConfig> tls = node.object("tls").flatMap(HttpReader::tls);
    Optional<Secret> readToken = ConfigLoader.secret(node, "readToken");
    HttpConfig.Limits d = HttpConfig.Limits.DEFAULTS;
    HttpConfig.Limits limits = new HttpConfig.Limits(
        node.duration("idleTimeout", d.idleTimeout(), true),
        node.integer("maxConnections", d.maxConnections(), 1, 1_000_000),
        node.integer("maxInitialLineLength", d.maxInitialLineLength(), 256, 1 << 20),
        node.integer("maxHeaderSize", d.maxHeaderSize(), 1024, 1 << 20));
    return new HttpConfig(host, port, tls, readToken, limits);
  }

  private static Optional<TlsConfig> tls(Node node) {
    int errorsBefore = node.errorCount();
    node.rejectUnknown("certFile", "keyFile", "clientCaFile", "checkEvery");
    Optional<Path> cert = path(node, "certFile", true);
    Optional<Path> key = path(node, "keyFile", true);
    Optional<Path> clientCa = path(node, "clientCaFile", false);
    Duration checkEvery = node.duration("checkEvery", DEFAULT_CHECK_EVERY, true);
    if (cert.isPresent() && key.isPresent()) {
      try {
        PemFiles.keyPair(cert.get(), key.get());
      } catch (PemFiles.BadFile e) {
        node.error(e.file().equals(key.get()) ? "keyFile" : "certFile", e.getMessage());
      } catch (IllegalArgumentException e) {
        node.error("certFile", e.getMessage()); // the JDK's own, about the pair
      }
    }
    clientCa.ifPresent(ca -> pemCertificates(node, "clientCaFile", ca));
    return node.unlessErrorsSince(errorsBefore,
        () -> new TlsConfig(cert.orElseThrow(), key.orElseThrow(), clientCa, checkEvery));
  }

  /** Reports a file that is not a readable PEM certificate bundle at {@code key}. */
  static void pemCertificates(Node node, String key, Path file) {
    try {
      PemFiles.certificates(file);
    } catch (IllegalArgumentException e) {
      node.error(key, e.getMessage());
    }
  }

  static Optional<Path> path(Node node, String key, boolean required) {
    Optional<String> text = required ? node.requiredString(key) : node.string(key);
    if (text.isPresent() && text.get().isEmpty()) {
      node.error(key, "must not be empty");
      return Optional.empty();
    }
    try {
      return text.map(Path::of);
    } catch (InvalidPathException e) {
      node.invalid(key, "must be a valid path (" + e.getReason() + ")", text.get());
      return Optional.empty();
    }
  }
}
