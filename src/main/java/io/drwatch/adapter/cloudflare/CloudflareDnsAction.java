package io.drwatch.adapter.cloudflare;

import io.drwatch.adapter.support.Failing;
import io.drwatch.domain.FailureCode;
import io.drwatch.port.FailoverAction;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import io.vertx.core.http.HttpClientOptions;
import io.drwatch.adapter.support.Retry;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Objects;

/**
 * {@code cloudflare-dns}: points one Cloudflare DNS record at a new target (an IP or a hostname).
 *
 * <ul>
 *   <li>check: {@code GET /zones/{zone}/dns_records/{record}} shows {@code content} (and
 *       {@code proxied}/{@code ttl} when the step sets them).
 *   <li>apply: {@code PATCH} the record with {@code {"content"}} plus {@code proxied}/{@code ttl}
 *       if given: a partial update, the record's name and type stay.
 *   <li>await: reads the record back until it matches.
 * </ul>
 *
 * <p>For a DNS-only record, clients follow once their resolvers' cached answer expires (the
 * record's TTL); for a proxied record the edge uses the new origin at once. Parameters: {@code apiToken} (a token with Zone / DNS / Edit on the zone), {@code apiBase},
 * {@code zone}, {@code record} (ids), {@code content}, optional {@code proxied} (true|false) and
 * {@code ttl} (1 = automatic, or 60..86400), {@code timeoutSeconds} (10), {@code waitSeconds} (60).
 */
public final class CloudflareDnsAction implements FailoverAction {
  private final CloudflareApi api;

  CloudflareDnsAction(CloudflareApi api) {
    this.api = api;
  }

  public static CloudflareDnsAction create(Vertx vertx) {
    return new CloudflareDnsAction(new CloudflareApi(vertx,
        vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false)), Retry.of("cloudflare"),
        Duration.ofSeconds(1)));
  }

  /** What the step asks for. */
  record Wanted(CloudflareTarget target, String path, String content, Boolean proxied, Integer ttl) {
    JsonObject patch() {
      JsonObject body = new JsonObject().put("content", content);
      if (proxied != null) {
        body.put("proxied", proxied);
      }
      if (ttl != null) {
        body.put("ttl", ttl);
      }
      return body;
    }

    boolean matches(JsonObject record) {
      return content.equals(record.getString("content"))
          && (proxied == null || Objects.equals(proxied, record.getBoolean("proxied")))
          && (ttl == null || Objects.equals(ttl, record.getInteger("ttl")));
    }
  }

  @Override
  public String name() {
    return "cloudflare-dns";
  }

  @Override
  public Future<Boolean> check(Step step) {
    return wanted(step).compose(w -> api.get(w.target(), w.path(), step.abandoned()).map(w::matches));
  }

  @Override
  public Future<Void> apply(Step step) {
    return wanted(step).compose(w -> api.patch(w.target(), w.path(), w.patch(), step.abandoned())).mapEmpty();
  }

  @Override
  public Future<Void> await(Step step) {
    return wanted(step).compose(w -> api.until(step.abandoned(), "step " + step.id() + ": dns record " + w.path() + " to "
            + w.patch().encode(), w.target().waitFor(), () -> api.get(w.target(), w.path(), step.abandoned()), w::matches,
        r -> describe(r))).mapEmpty();
  }

  private static String describe(JsonObject record) {
    return new JsonObject().put("content", record.getValue("content")).put("proxied", record.getValue("proxied"))
        .put("ttl", record.getValue("ttl")).encode();
  }

  private static Future<Wanted> wanted(Step step) {
    try {
      CloudflareTarget t = CloudflareTarget.of(step);
      String path = "/zones/" + CloudflareTarget.id(step, "zone") + "/dns_records/" + CloudflareTarget.id(step, "record");
      String content = step.param("content").strip();
      Boolean proxied = step.params().containsKey("proxied") ? CloudflareTarget.bool(step, "proxied") : null;
      return Future.succeededFuture(new Wanted(t, path, content, proxied, ttl(step)));
    } catch (IllegalArgumentException e) {
      return Failing.with(FailureCode.BAD_PARAMS, e.getMessage());
    }
  }

  /** 1 means automatic; otherwise Cloudflare accepts 60..86400 seconds. */
  private static Integer ttl(Step step) {
    if (!step.params().containsKey("ttl")) {
      return null;
    }
    String text = step.param("ttl").strip();
    int value;
    try {
      value = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      value = 0;
    }
    if (value != 1 && (value < 60 || value > 86400)) {
      throw new IllegalArgumentException("step " + step.id() + ": ttl must be 1 (automatic) or 60..86400, but was \""
          + text + "\"");
    }
    return value;
  }
}
