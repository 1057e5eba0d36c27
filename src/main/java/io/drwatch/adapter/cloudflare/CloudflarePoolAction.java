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

/**
 * {@code cloudflare-pool}: enables or disables one Cloudflare Load Balancing pool, e.g. disabling
 * the old primary's pool as a fence so the load balancer sends traffic to the next pool.
 *
 * <ul>
 *   <li>check: {@code GET /accounts/{account}/load_balancers/pools/{pool}} shows
 *       {@code result.enabled == enabled}.
 *   <li>apply: {@code PATCH} the same path with {@code {"enabled": ...}} only (a partial update:
 *       origins, monitor and steering stay).
 *   <li>await: reads the pool back until {@code enabled} matches.
 * </ul>
 *
 * <p>Parameters: {@code apiToken} (a token with Account / Load Balancing: Monitors and Pools / Edit),
 * {@code apiBase}, {@code account}, {@code pool} (ids), {@code enabled} (true|false),
 * {@code timeoutSeconds} (10), {@code waitSeconds} (60).
 */
public final class CloudflarePoolAction implements FailoverAction {
  private final CloudflareApi api;

  CloudflarePoolAction(CloudflareApi api) {
    this.api = api;
  }

  public static CloudflarePoolAction create(Vertx vertx) {
    return new CloudflarePoolAction(new CloudflareApi(vertx,
        vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false)), Retry.of("cloudflare"),
        Duration.ofSeconds(1)));
  }

  private record Wanted(CloudflareTarget target, String path, boolean enabled) {
    boolean matches(JsonObject pool) {
      return Boolean.valueOf(enabled).equals(pool.getBoolean("enabled"));
    }
  }

  @Override
  public String name() {
    return "cloudflare-pool";
  }

  @Override
  public Future<Boolean> check(Step step) {
    return wanted(step).compose(w -> api.get(w.target(), w.path(), step.abandoned()).map(w::matches));
  }

  @Override
  public Future<Void> apply(Step step) {
    return wanted(step).compose(w -> api.patch(w.target(), w.path(), new JsonObject().put("enabled", w.enabled()), step.abandoned()))
        .mapEmpty();
  }

  @Override
  public Future<Void> await(Step step) {
    return wanted(step).compose(w -> api.until(step.abandoned(), "step " + step.id() + ": pool " + w.path() + " to enabled="
            + w.enabled(), w.target().waitFor(), () -> api.get(w.target(), w.path(), step.abandoned()), w::matches,
        p -> "enabled=" + p.getValue("enabled"))).mapEmpty();
  }

  private static Future<Wanted> wanted(Step step) {
    try {
      CloudflareTarget t = CloudflareTarget.of(step);
      String path = "/accounts/" + CloudflareTarget.id(step, "account") + "/load_balancers/pools/"
          + CloudflareTarget.id(step, "pool");
      return Future.succeededFuture(new Wanted(t, path, CloudflareTarget.bool(step, "enabled")));
    } catch (IllegalArgumentException e) {
      return Failing.with(FailureCode.BAD_PARAMS, e.getMessage());
    }
  }
}
