package io.drwatch.config;

import io.drwatch.schema.ChannelShape;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/**
 * Checks endpoint urls per kind and returns them in canonical form (explicit port, one scheme per
 * kind), so the probes need not know the defaults. Passwords belong in the {@code password} field:
 * a url is shown in errors and logs, a password field never is.
 */
final class EndpointUrls {

  static final String POSTGRES_FORM = "postgresql://user@host:port/db[?sslmode=mode]";
  static final String REDIS_FORM = "redis[s]://[user@]host:port";
  /** libpq's modes, weakest first; {@code prefer} is libpq's default and ours. */
  static final List<String> SSL_MODES =
      List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");
  static final String DEFAULT_SSL_MODE = "prefer";
  static final String HOST_PORT_FORM = "host:port";
  static final String HTTP_FORM = "http(s)://host[:port][/path]";
  static final String BASE_URL_FORM = "http(s)://host[:port] without a path";
  private static final String PASSWORD_HINT =
      "; put the password in the password field, not in the url";
  private static final String NO_USER_HINT = " without user or password";

  private EndpointUrls() {}

  /**
   * @return the canonical url
   * @throws IllegalArgumentException with the rule the url breaks, to be shown with the url
   */
  static String canonical(ChannelShape.Form form, String url) {
    return switch (form) {
      case POSTGRES -> postgres(url);
      case REDIS -> redis(url);
      case HTTP -> baseUrl(url);
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
    if (user == null || user.isEmpty() || uri.getHost() == null || !hasDb || uri.getRawFragment() != null) {
      throw new IllegalArgumentException(rule);
    }
    String query = uri.getRawQuery() == null ? "" : "?sslmode=" + sslModeParam(uri.getRawQuery());
    return "postgresql://" + user + "@" + uri.getHost() + ":" + port(uri, 5432, rule) + path + query;
  }

  // Only sslmode: every other libpq parameter either has its own config key (password, caFile) or
  // would silently change what drwatch measures.
  private static String sslModeParam(String query) {
    String[] pair = query.split("=", -1);
    if (pair.length != 2 || !pair[0].equals("sslmode")) {
      throw new IllegalArgumentException("may carry only ?sslmode=" + String.join("|", SSL_MODES)
          + " as query; other parameters are not supported");
    }
    if (!SSL_MODES.contains(pair[1])) {
      throw new IllegalArgumentException("sslmode must be one of " + String.join(", ", SSL_MODES)
          + ", was " + pair[1]);
    }
    return pair[1];
  }

  /** The sslmode of a canonical postgres url: its query, else libpq's default {@code prefer}. */
  static String sslMode(String canonicalUrl) {
    int q = canonicalUrl.indexOf("?sslmode=");
    return q < 0 ? DEFAULT_SSL_MODE : canonicalUrl.substring(q + "?sslmode=".length());
  }

  /** Whether a canonical url's connection is sure to use TLS. */
  static boolean requiresTls(String canonicalUrl) {
    return canonicalUrl.startsWith("rediss://")
        || canonicalUrl.startsWith("postgresql://") && SSL_MODES.indexOf(sslMode(canonicalUrl)) >= 3;
  }

  /** Whether a canonical url may use TLS at all (a CA file means something): also https. */
  static boolean mayUseTls(String canonicalUrl) {
    return canonicalUrl.startsWith("rediss://") || canonicalUrl.startsWith("https://")
        || canonicalUrl.startsWith("postgresql://") && !sslMode(canonicalUrl).equals("disable");
  }

  private static String redis(String url) {
    String rule = "must be " + REDIS_FORM;
    URI uri = parse(url, rule);
    String scheme = uri.getScheme();
    if (!"redis".equals(scheme) && !"rediss".equals(scheme)) {
      throw new IllegalArgumentException(rule);
    }
    String user = uri.getRawUserInfo();
    if (user != null && (user.contains(":") || user.isEmpty())) {
      throw new IllegalArgumentException(rule + (user.isEmpty() ? "" : PASSWORD_HINT));
    }
    String path = uri.getRawPath();
    boolean noPath = path == null || path.isEmpty() || path.equals("/");
    if (uri.getHost() == null || !noPath || hasExtras(uri)) {
      throw new IllegalArgumentException(rule);
    }
    return scheme + "://" + (user == null ? "" : user + "@") + uri.getHost() + ":" + port(uri, 6379, rule);
  }

  /**
   * A tcp address such as {@code db.internal:5432} or {@code [::1]:6379}; the port is required.
   *
   * @return the address as {@code host:port}
   * @throws IllegalArgumentException with the rule the address breaks
   */
  static String hostPort(String address) {
    String rule = "must be " + HOST_PORT_FORM;
    URI uri = parse("tcp://" + address, rule);
    String path = uri.getRawPath();
    boolean noPath = path == null || path.isEmpty();
    if (uri.getRawUserInfo() != null || uri.getHost() == null || !noPath || hasExtras(uri)) {
      throw new IllegalArgumentException(rule);
    }
    if (uri.getPort() < 0) {
      throw new IllegalArgumentException(rule);
    }
    return uri.getHost() + ":" + port(uri, -1, rule);
  }

  /**
   * An http or https url with a host; path and query allowed, user info and fragment not.
   *
   * @return the url unchanged
   * @throws IllegalArgumentException with the rule the url breaks
   */
  static String httpUrl(String url) {
    String rule = "must be " + HTTP_FORM;
    URI uri = http(url, rule);
    if (uri.getRawFragment() != null) {
      throw new IllegalArgumentException(rule);
    }
    return url;
  }

  /**
   * The base url of another drwatch: http or https, a host, an optional port and nothing else.
   *
   * @return {@code scheme://host:port} with the port filled in (80 or 443)
   * @throws IllegalArgumentException with the rule the url breaks
   */
  static String baseUrl(String url) {
    String rule = "must be " + BASE_URL_FORM;
    URI uri = http(url, rule);
    String path = uri.getRawPath();
    boolean noPath = path == null || path.isEmpty() || path.equals("/");
    if (!noPath || hasExtras(uri)) {
      throw new IllegalArgumentException(rule);
    }
    int fallback = uri.getScheme().equals("https") ? 443 : 80;
    return uri.getScheme() + "://" + uri.getHost() + ":" + port(uri, fallback, rule);
  }

  private static URI http(String url, String rule) {
    URI uri = parse(url, rule);
    String scheme = uri.getScheme();
    if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
      throw new IllegalArgumentException(rule);
    }
    if (uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException(rule + NO_USER_HINT);
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException(rule);
    }
    port(uri, -1, rule);
    return uri;
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
