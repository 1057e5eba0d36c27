package io.drwatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.bootstrap.Daemon;
import io.drwatch.config.ConfigLoader;
import io.drwatch.lab.PostgresPair;
import io.drwatch.testkit.Await;
import io.drwatch.testkit.PostgresPairExtension;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load balancers' health endpoints against a real PostgreSQL primary and streaming standby:
 * 200 while the standby keeps up with its 1 s objective, 503 once it applies WAL 3 s late
 * ({@code recovery_min_apply_delay}), 404 for a channel that is not configured. The HTTP API has
 * a token, and the health checks are asked without one: they are read endpoints.
 */
@ExtendWith(PostgresPairExtension.class)
class HealthEndpointsIT {
  private static final String CH = "orders-db";
  private static final Duration WITHIN = Duration.ofSeconds(20);

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();

  @TempDir
  Path dir;

  record Answer(int status, JsonObject body) {}

  @Test
  void shouldAnswer200WhileTheStandbyKeepsUpAnd503OnceItLagsBeyondItsObjective(PostgresPair pg)
      throws Exception {
    try (Daemon daemon = start(pg)) {
      String base = "http://127.0.0.1:" + daemon.httpPort();
      String channel = base + "/api/v1/channels/" + CH + "/health";
      String standby = base + "/api/v1/health/standby-ready";

      Answer healthy = awaitStatus(channel, 200);
      assertThat(healthy.body().getString("channel")).isEqualTo(CH);
      assertThat(healthy.body().getBoolean("healthy")).isTrue();
      assertThat(healthy.body().getString("condition")).isEqualTo("HEALTHY");
      assertThat(healthy.body().getDouble("rpoSeconds")).isLessThanOrEqualTo(1.0);
      assertThat(healthy.body().getDouble("rpoObjectiveSeconds")).isEqualTo(1.0);
      Answer ready = awaitStatus(standby, 200);
      assertThat(ready.body().getBoolean("ready")).isTrue();
      assertThat(ready.body().getJsonArray("reasons")).isEmpty();
      assertThat(ready.body().getDouble("rtoProjectedSeconds"))
          .isLessThanOrEqualTo(ready.body().getDouble("rtoObjectiveSeconds"));

      Answer unknown = get(base + "/api/v1/channels/no-such-channel/health");
      assertThat(unknown.status()).isEqualTo(404);
      assertThat(unknown.body().getBoolean("healthy")).isFalse();

      pg.setApplyDelay(Duration.ofSeconds(3));
      // STALLED first (the replica's heartbeat freezes for 3 intervals), then steadily LAGGING.
      Answer lagging = await(channel, 503, "LAGGING");
      System.out.println("channel health while lagging: " + lagging.body());
      assertThat(lagging.body().getBoolean("healthy")).isFalse();
      assertThat(lagging.body().getString("condition")).isEqualTo("LAGGING");
      assertThat(lagging.body().getDouble("rpoSeconds")).isGreaterThan(1.0);
      Answer notReady = get(standby);
      System.out.println("standby-ready while lagging: " + notReady.body());
      assertThat(notReady.status()).isEqualTo(503);
      assertThat(notReady.body().getBoolean("ready")).isFalse();
      assertThat(notReady.body().getJsonArray("reasons").getString(0)).startsWith(CH + " is LAGGING");

      pg.setApplyDelay(Duration.ZERO);
      awaitStatus(channel, 200);
      awaitStatus(standby, 200);
    } finally {
      pg.setApplyDelay(Duration.ZERO);
    }
  }

  private Daemon start(PostgresPair pg) throws Exception {
    String yaml = """
        observer: { name: health-it }
        http: { host: 127.0.0.1, port: 0 }
        objectives: { rpo: 1s, rto: 15m }
        channels:
          - name: %s
            kind: postgres
            primary: { url: "%s" }
            replica: { url: "%s" }
            heartbeat: { interval: 200ms, timeout: 500ms }
            objective: { rpo: 1s }
        state: { dir: "%s" }
        runbook:
          token: health-it-token
          mode: approval
          steps:
            - { id: notify, action: webhook, timeout: 5s, expected: 1s,
                params: { url: "http://127.0.0.1:9/hook" } }
        """.formatted(CH, pg.primaryUrl(), pg.standbyUrl(), dir.resolve("state"));
    return Daemon.start(ConfigLoader.parse(yaml, System::getenv), TestVertx.options());
  }

  private Answer awaitStatus(String url, int status) {
    return await(url, status, null);
  }

  /** Until {@code url} answers {@code status} (with the channel in {@code condition}, if given). */
  private Answer await(String url, int status, String condition) {
    AtomicReference<Answer> last = new AtomicReference<>();
    Await.until(WITHIN, () -> url + " answering " + status + "; last answer " + last.get(), () -> {
      last.set(get(url));
      return last.get().status() == status
          && (condition == null || condition.equals(last.get().body().getString("condition")));
    });
    return last.get();
  }

  private Answer get(String url) throws Exception {
    HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(res.headers().firstValue("content-type")).contains("application/json");
    return new Answer(res.statusCode(), new JsonObject(res.body()));
  }
}
