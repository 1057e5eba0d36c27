package io.drwatch.config;

import java.util.Objects;
import java.util.Optional;

/**
 * A server drwatch connects to.
 *
 * <p>The loader stores the url in canonical form so that consumers need not repeat the parsing
 * rules: {@code postgresql://user@host:port/db} (a {@code postgres://} scheme is rewritten, port
 * 5432 filled in) or {@code redis://host:port} (port 6379 filled in). Urls never carry a password.
 *
 * @param url canonical url, see above
 * @param password {@code password} or {@code passwordFile}; empty when not configured
 */
public record Endpoint(String url, Optional<Secret> password) {

  public Endpoint {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(password, "password");
  }

  /** Masks the password so that logging a config never leaks it. */
  @Override
  public String toString() {
    return "Endpoint[url=" + url + ", password=" + password.map(p -> "***") + "]";
  }
}
