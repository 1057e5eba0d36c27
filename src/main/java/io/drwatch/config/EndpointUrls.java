package io.drwatch.config;

import io.drwatch.domain.channel.ChannelKind;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Checks endpoint urls per kind and returns them in canonical form (explicit port, one scheme per
 * kind), so the probes need not know the defaults. Passwords belong in the {@code password} field:
 * a url is shown in errors and logs, a password field never is.
 */
final class EndpointUrls {

  static final String POSTGRES_FORM = "postgresql://user@host:port/db";
  static final String REDIS_FORM = "redis://host:port";
  private static final String PASSWORD_HINT =
      "; put the password in the password field, not in the url";

  private EndpointUrls() {}

  /**
   * @return the canonical url
   * @throws IllegalArgumentException with the rule the url breaks, to be shown with the url
   */
  static String canonical(ChannelKind kind, String url) {
    return switch (kind) {
      case POSTGRES -> postgres(url);
      case REDIS -> redis(url);
    };
  }

  private static String postgres(String url) {
    String rule = "must be " + POSTGRES_FORM;
    URI uri = parse(url, rule);
    String scheme = uri.getScheme();
    if (scheme == null || !(scheme.equals("postgresql") || scheme.equals("postgres"))) {
      throw new IllegalArgumentException(rule);
    }
    String user = uri.getRawUserInfo();
    if (user != null && user.contains(":")) {
      throw new IllegalArgumentException(rule + PASSWORD_HINT);
    }
    String path = uri.getRawPath();
    boolean hasDb = path != null && path.length() > 1 && path.indexOf('/', 1) < 0;
    if (user == null || user.isEmpty() || uri.getHost() == null || !hasDb || hasExtras(uri)) {
      throw new IllegalArgumentException(rule);
    }
    return "postgresql://" + user + "@" + uri.getHost() + ":" + port(uri, 5432, rule) + path;
  }

  private static String redis(String url) {
    String rule = "must be " + REDIS_FORM;
    URI uri = parse(url, rule);
    if (!"redis".equals(uri.getScheme())) {
      throw new IllegalArgumentException(rule);
    }
    if (uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException(rule + PASSWORD_HINT);
    }
    String path = uri.getRawPath();
    boolean noPath = path == null || path.isEmpty() || path.equals("/");
    if (uri.getHost() == null || !noPath || hasExtras(uri)) {
      throw new IllegalArgumentException(rule);
    }
    return "redis://" + uri.getHost() + ":" + port(uri, 6379, rule);
  }

  private static URI parse(String url, String rule) {
    try {
      URI uri = new URI(url);
      // A url without "//" has no authority; a failed server-based parse leaves the host null.
      if (uri.isOpaque() || uri.getRawAuthority() == null) {
        throw new IllegalArgumentException(rule);
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(rule, e);
    }
  }

  private static boolean hasExtras(URI uri) {
    return uri.getRawQuery() != null || uri.getRawFragment() != null;
  }

  private static int port(URI uri, int fallback, String rule) {
    int port = uri.getPort();
    if (port == 0 || port > 65535) {
      throw new IllegalArgumentException(rule + " with a port in 1..65535");
    }
    return port < 0 ? fallback : port;
  }
}
