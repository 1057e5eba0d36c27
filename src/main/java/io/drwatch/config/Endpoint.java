package io.drwatch.config;

import io.drwatch.domain.Require;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A server drwatch connects to.
 *
 * <p>The loader stores the url in canonical form so that consumers need not repeat the parsing
 * rules: {@code postgresql://user@host:port/db[?sslmode=mode]} (a {@code postgres://} scheme is
 * rewritten, port 5432 filled in) or {@code redis[s]://[user@]host:port} (port 6379 filled in).
 * Urls never carry a password.
 *
 * @param url canonical url, see above
 * @param password {@code password} or {@code passwordFile}; empty when not configured
 * @param caFile PEM bundle the server's certificate is checked against; empty: the JVM trust store
 * @param iamAuth sign an IAM token per connection instead of a password; never with a password
 */
public record Endpoint(String url, Optional<Secret> password, Optional<Path> caFile, Optional<IamAuth> iamAuth) {

  public Endpoint {
    Require.nonNull("url", url, "password", password, "caFile", caFile, "iamAuth", iamAuth);
  }

  /** A plain endpoint: no CA file, no IAM auth. */
  public Endpoint(String url, Optional<Secret> password) {
    this(url, password, Optional.empty(), Optional.empty());
  }

  /** Masks the password so that logging a config never leaks it. */
  @Override
  public String toString() {
    return "Endpoint[url=" + url + ", password=" + password.map(p -> "***") + ", caFile=" + caFile
        + ", iamAuth=" + iamAuth + "]";
  }
}
