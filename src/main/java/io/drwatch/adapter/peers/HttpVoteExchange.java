package io.drwatch.adapter.peers;

import io.drwatch.domain.detect.ObserverReport;
import io.drwatch.port.VoteExchange;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Static peer list: polls each peer's {@code GET /api/v1/votes} with the shared token. A report
 * is stamped with our own receive time, so clock skew between observers never makes a report
 * look fresher or staler than it is.
 */
public final class HttpVoteExchange implements VoteExchange {
  public static final String PATH = "/api/v1/votes";

  private final HttpClient client;
  private final List<String> peers;
  private final String token;
  private final Duration timeout;
  private final Duration freshFor;
  private final Clock clock;

  public HttpVoteExchange(Vertx vertx, List<String> peers, String token, Duration timeout,
      Duration freshFor, Clock clock) {
    int ms = (int) Math.max(1, timeout.toMillis());
    this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(ms)
        .setIdleTimeout(ms).setIdleTimeoutUnit(TimeUnit.MILLISECONDS));
    this.peers = List.copyOf(peers);
    this.token = token;
    this.timeout = timeout;
    this.freshFor = freshFor;
    this.clock = clock;
  }

  @Override
  public Future<List<ObserverReport>> fetch() {
    List<Future<List<ObserverReport>>> calls = peers.stream().map(this::fetchOne).toList();
    // join: one unreachable peer must not hide the others' reports.
    return Future.join(calls).transform(ar -> {
      List<ObserverReport> all = new ArrayList<>();
      calls.stream().filter(Future::succeeded).forEach(f -> all.addAll(f.result()));
      return Future.succeededFuture(all);
    });
  }

  private Future<List<ObserverReport>> fetchOne(String peer) {
    RequestOptions req = new RequestOptions().setMethod(HttpMethod.GET)
        .setAbsoluteURI(peer + PATH).putHeader("Authorization", "Bearer " + token);
    return client.request(req)
        .compose(r -> r.send())
        .compose(resp -> resp.statusCode() == 200
            ? resp.body()
            : Future.failedFuture(peer + " answered " + resp.statusCode()))
        .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .map(body -> parse(body.toJsonObject()));
  }

  private List<ObserverReport> parse(JsonObject body) {
    String observer = body.getString("observer");
    JsonArray reports = body.getJsonArray("reports", new JsonArray());
    List<ObserverReport> out = new ArrayList<>();
    for (int i = 0; i < reports.size(); i++) {
      JsonObject r = reports.getJsonObject(i);
      out.add(new ObserverReport(observer, r.getString("target"), r.getBoolean("suspected", false),
          clock.instant(), freshFor, r.getString("detail", "")));
    }
    return out;
  }

  /** The body our own endpoint serves; the format {@link #parse} reads. */
  public static JsonObject toJson(String observer, List<ObserverReport> own) {
    JsonArray reports = new JsonArray();
    own.forEach(r -> reports.add(new JsonObject().put("target", r.target())
        .put("suspected", r.suspected()).put("detail", r.detail())));
    return new JsonObject().put("observer", observer).put("reports", reports);
  }

  @Override
  public Future<Void> close() {
    return client.close();
  }
}
