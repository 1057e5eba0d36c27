package io.drwatch.config;

import io.drwatch.domain.Require;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The HTTP listener. It holds no operator, peer or events token: each role has its own key
 * ({@code runbook.token}, {@code detection.peerToken}, {@code detection.events.token}).
 *
 * @param host bind address, default {@code 127.0.0.1}
 * @param port default 9464; 0..65535, where 0 asks the OS for a free port
 * @param tls HTTPS (and mTLS for peers); empty for plain HTTP
 * @param readToken when set, the read endpoints (status, runs, RTO, metrics, health, the page)
 *     want it as a Bearer token; empty: they are open and ignore {@code Authorization}
 * @param limits what one client may cost the listener
 */
public record HttpConfig(String host, int port, Optional<TlsConfig> tls, Optional<Secret> readToken,
    Limits limits) {

  /**
   * @param idleTimeout a connection without traffic for this long is closed, default 60s
   * @param maxConnections connections over this many are closed as they open, default 256
   * @param maxInitialLineLength longest request line in bytes, default 4096 (414 beyond)
   * @param maxHeaderSize all request headers together in bytes, default 8192 (431 beyond)
   */
  public record Limits(Duration idleTimeout, int maxConnections, int maxInitialLineLength,
      int maxHeaderSize) {
    public static final Limits DEFAULTS = new Limits(Duration.ofSeconds(60), 256, 4096, 8192);

    public Limits {
      Objects.requireNonNull(idleTimeout, "idleTimeout");
    }
  }

  public HttpConfig {
    Require.nonNull("host", host, "tls", tls, "readToken", readToken, "limits", limits);
  }

  /** Plain HTTP on {@code host:port}, no read token, default limits. */
  public static HttpConfig plain(String host, int port) {
    return new HttpConfig(host, port, Optional.empty(), Optional.empty(), Limits.DEFAULTS);
  }

  /** The same listener on another port. */
  public HttpConfig withPort(int other) {
    return new HttpConfig(host, other, tls, readToken, limits);
  }
}
