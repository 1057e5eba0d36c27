package io.drwatch.config;

import java.util.Objects;
import java.util.Optional;

/**
 * The HTTP listener.
 *
 * @param host bind address, default {@code 127.0.0.1}
 * @param port default 9464; 0..65535, where 0 asks the OS for a free port
 * @param token bearer token for the mutating endpoints; empty when not configured
 */
public record HttpConfig(String host, int port, Optional<String> token) {

  public HttpConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(token, "token");
  }

  /** Masks the token so that logging a config never leaks it. */
  @Override
  public String toString() {
    return "HttpConfig[host=" + host + ", port=" + port + ", token=" + token.map(t -> "***") + "]";
  }
}
