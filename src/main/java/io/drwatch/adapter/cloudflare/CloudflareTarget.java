package io.drwatch.adapter.cloudflare;

import io.drwatch.schema.Params;
import java.net.URI;
import java.time.Duration;

/**
 * Where and how one Cloudflare step calls: {@code apiBase}, the API token (never logged, never in a
 * message), the per-request {@code timeoutSeconds} and the read-back's {@code waitSeconds}.
 */
record CloudflareTarget(URI base, String token, Duration timeout, Duration waitFor) {

  static CloudflareTarget of(Params p) {
    String base = p.url("apiBase").toString().replaceAll("/+$", "");
    return new CloudflareTarget(URI.create(base), p.string("apiToken").strip(),
        Duration.ofSeconds(p.integer("timeoutSeconds")), Duration.ofSeconds(p.integer("waitSeconds")));
  }

  @Override
  public String toString() {
    return "CloudflareTarget[base=" + base + "]"; // no token
  }
}
