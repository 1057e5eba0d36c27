package io.drwatch.adapter.cloudflare;

import io.drwatch.port.FailoverAction.Step;
import java.net.URI;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Where and how one Cloudflare step calls: {@code apiBase}
 * ({@value #DEFAULT_BASE}), the API token (never logged, never in a message), the per-request
 * {@code timeoutSeconds} (10) and the read-back's {@code waitSeconds} (60).
 */
record CloudflareTarget(String step, URI base, String token, Duration timeout, Duration waitFor) {
  static final String DEFAULT_BASE = "https://api.cloudflare.com/client/v4";
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9]{1,64}");

  @Override
  public String toString() {
    return "CloudflareTarget[step=" + step + ", base=" + base + "]"; // no token
  }

  static CloudflareTarget of(Step step) {
    String token = step.param("apiToken").strip();
    String base = step.param("apiBase", DEFAULT_BASE).strip().replaceAll("/+$", "");
    URI uri;
    try {
      uri = URI.create(base);
    } catch (IllegalArgumentException e) {
      uri = null;
    }
    if (uri == null || uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
      throw new IllegalArgumentException("step " + step.id() + ": apiBase must be an http(s) URL, but was \"" + base + "\"");
    }
    return new CloudflareTarget(step.id(), uri, token, Duration.ofSeconds(step.number("timeoutSeconds", 10, 300)),
        Duration.ofSeconds(step.number("waitSeconds", 60, 3600)));
  }

  /** A Cloudflare identifier (zone, record, account, pool): letters and digits only, so it is safe in a path. */
  static String id(Step step, String key) {
    String value = step.param(key).strip();
    if (!ID.matcher(value).matches()) {
      throw new IllegalArgumentException("step " + step.id() + ": " + key + " must be a Cloudflare id (letters and "
          + "digits), but was \"" + value + "\"");
    }
    return value;
  }

  /** {@code true} or {@code false}, nothing else. */
  static boolean bool(Step step, String key) {
    String value = step.param(key).strip();
    if (!value.equals("true") && !value.equals("false")) {
      throw new IllegalArgumentException("step " + step.id() + ": " + key + " must be true or false, but was \""
          + value + "\"");
    }
    return Boolean.parseBoolean(value);
  }
}
