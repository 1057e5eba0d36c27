package io.drwatch.adapter.peers;

import io.drwatch.adapter.support.HttpJson;
import io.drwatch.domain.CodedFailure;
import io.drwatch.domain.FailureCode;
import io.drwatch.domain.Failures;
import io.drwatch.domain.detect.ObserverReport;
import io.drwatch.port.VoteExchange;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.ClientSSLOptions;
import io.drwatch.config.PeerConfig;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Static peer list: polls each peer's {@code GET /api/v1/votes} with the peer token, over https
 * with this observer's own certificate as its client certificate when configured. A peer bound to
 * a name ({@code {url, observer}}) that answers under another name is not heard. Each report
 * carries its age on the peer ({@code ageMillis}: how long ago the peer last probed the target),
 * and is stamped {@code seenAt = receive time - age} on our detection time line (monotonic), so
 * neither clock skew between observers nor a step of our own wall clock makes a report look
 * fresher or staler than it is. A peer that stopped probing ages out even if it still answers.
 */
public final class HttpVoteExchange implements VoteExchange {
  public static final String PATH = "/api/v1/votes";
  /** A votes body is a few hundred bytes per target; anything over this is not a peer's answer. */
  public static final int BODY_LIMIT = 64 * 1024;

  private static final System.Logger LOG = System.getLogger(HttpVoteExchange.class.getName());

  private final HttpClientAgent client;
  private final Vertx vertx;
  private final List<PeerConfig> peers;
  private final Supplier<String> token;
  private final AtomicLong misnamed = new AtomicLong();
  private final Duration timeout;
  private final Duration freshFor;
  private final Clock clock;
  private final Map<String, String> lastFailure = new ConcurrentHashMap<>();

  /**
   * @param token the current peer token; read on each poll, so it must not block
   * @param tls for https peers: whom to trust and which certificate to present (managers the
   *     caller may refresh on rotation); null for the JVM's trust store and no client certificate
   * @param clock the detection time line ({@code MonotonicClock}) reports are stamped on
   */
  public HttpVoteExchange(Vertx vertx, List<PeerConfig> peers, Supplier<String> token,
      ClientSSLOptions tls, Duration timeout, Duration freshFor, Clock clock) {
    this.vertx = vertx;
    int ms = (int) Math.max(1, timeout.toMillis());
    HttpClientOptions options = new HttpClientOptions().setConnectTimeout(ms)
        .setIdleTimeout(ms).setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
    if (tls != null) {
      options.setKeyCertOptions(tls.getKeyCertOptions()).setTrustOptions(tls.getTrustOptions());
    }
    // As the listener's: handshake work on workers, never on the loop that polls.
    options.setSslEngineOptions(new io.vertx.core.net.JdkSSLEngineOptions().setUseWorkerThread(true));
    // Peers are named by host in their urls; a certificate for another host is not theirs.
    options.setVerifyHost(true);
    this.client = vertx.createHttpClient(options);
    this.peers = List.copyOf(peers);
    this.token = token;
    this.timeout = timeout;
    this.freshFor = freshFor;
    this.clock = clock;
  }

  /** Plain peers, any name, JVM trust: how tests and older configs poll. */
  public HttpVoteExchange(Vertx vertx, List<String> peers, String token, Duration timeout,
      Duration freshFor, Clock clock) {
    this(vertx, peers.stream().map(PeerConfig::of).toList(), () -> token, null, timeout, freshFor,
        clock);
  }

  /** Answers ignored because the peer reported under another name than it is bound to. */
  public long misnamed() {
    return misnamed.get();
  }

  @Override
  public Future<List<ObserverReport>> fetch() {
    List<Future<List<ObserverReport>>> calls = peers.stream().map(this::fetchLogged).toList();
    // join: one unreachable peer must not hide the others' reports.
    return Future.join(calls).transform(ar -> {
      List<ObserverReport> all = new ArrayList<>();
      calls.stream().filter(Future::succeeded).forEach(f -> all.addAll(f.result()));
      return Future.succeededFuture(all);
    });
  }

  // One line when a peer starts failing or changes how it fails, one when it answers again.
  private Future<List<ObserverReport>> fetchLogged(PeerConfig peer) {
    return fetchOne(peer).andThen(ar -> {
      String why = ar.succeeded() ? null : reason(ar.cause());
      String url = peer.url();
      String before = why == null ? lastFailure.remove(url) : lastFailure.put(url, why);
      if (why != null && !why.equals(before)) {
        LOG.log(Level.WARNING, "peer " + url + " not heard: " + why);
      } else if (why == null && before != null) {
        LOG.log(Level.INFO, "peer " + url + " heard again");
      }
    });
  }

  /** Fails with a {@link CodedFailure} for a wrong status or body, else the transport's error. */
  Future<List<ObserverReport>> fetchOne(String peer) {
    return fetchOne(PeerConfig.of(peer));
  }

  Future<List<ObserverReport>> fetchOne(PeerConfig peer) {
    return io.drwatch.adapter.support.OnContext.run(vertx, () -> exchange(peer));
  }

  private Future<List<ObserverReport>> exchange(PeerConfig bound) {
    String peer = bound.url();
    RequestOptions req = new RequestOptions().setMethod(HttpMethod.GET)
        .setAbsoluteURI(peer + PATH).putHeader("Authorization", "Bearer " + token.get());
    return client.request(req)
        .compose(r -> r.send())
        .compose(resp -> resp.statusCode() == 200
            ? readCapped(peer, resp)
            : discard(resp, refused(HttpJson.code(resp.statusCode()), "STATUS", peer + " answered " + resp.statusCode(),
                resp.statusCode())))
        .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .compose(body -> parse(bound, body, clock.instant()));
  }

  /**
   * The body, at most {@link #BODY_LIMIT} bytes. A larger one is refused as soon as it is known to
   * be larger (the declared length, else the first chunk past the limit) and the request is reset,
   * which closes the connection: a misbehaving peer costs us at most the limit, never its body.
   */
  private static Future<Buffer> readCapped(String peer, HttpClientResponse resp) {
    String declared = resp.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (declared != null && length(declared) > BODY_LIMIT) {
      return discard(resp, tooLarge(peer, "declares " + declared.trim() + " bytes"));
    }
    Promise<Buffer> done = Promise.promise();
    Buffer body = Buffer.buffer();
    resp.handler(chunk -> {
      if (done.future().isComplete()) {
        return;
      }
      if (body.length() + chunk.length() > BODY_LIMIT) {
        done.tryFail(tooLarge(peer, "sent more than that"));
        resp.exceptionHandler(expected -> { });
        resp.request().reset();
        return;
      }
      body.appendBuffer(chunk);
    });
    resp.exceptionHandler(done::tryFail);
    resp.endHandler(v -> done.tryComplete(body));
    return done.future();
  }

  private static <T> Future<T> discard(HttpClientResponse resp, CodedFailure failure) {
    resp.exceptionHandler(expected -> { }); // the reset below is ours, not news
    resp.request().reset();
    return Future.failedFuture(failure);
  }

  private static CodedFailure tooLarge(String peer, String what) {
    return refused(FailureCode.UNREACHABLE, "BODY_TOO_LARGE", peer + " votes body over "
        + BODY_LIMIT + " bytes (" + what + "): refused unread", 0);
  }

  /**
   * A peer's answer we refuse: coded as drwatch decides on it (a status as {@link HttpJson#code},
   * a bad body as a broken server, another observer's name as {@code AUTH}), with the reason's
   * word as its provider code for the log line.
   */
  private static CodedFailure refused(FailureCode code, String why, String message, int status) {
    return CodedFailure.of(code, message, why, status, null, null);
  }

  private Future<List<ObserverReport>> parse(PeerConfig bound, Buffer raw, Instant received) {
    String peer = bound.url();
    try {
      JsonObject body = raw.toJsonObject();
      String observer = body.getString("observer");
      if (bound.observer().isPresent() && !bound.observer().get().equals(observer)) {
        misnamed.incrementAndGet();
        return Future.failedFuture(refused(FailureCode.AUTH, "WRONG_OBSERVER", peer
            + " reports as \"" + observer + "\", bound to \"" + bound.observer().get()
            + "\": its votes are ignored", 0));
      }
      JsonArray reports = body.getJsonArray("reports", new JsonArray());
      List<ObserverReport> out = new ArrayList<>();
      for (int i = 0; i < reports.size(); i++) {
        JsonObject r = reports.getJsonObject(i);
        // A peer without ageMillis (older version) is as fresh as our receive time.
        long age = Math.max(0, r.getLong("ageMillis", 0L));
        out.add(new ObserverReport(observer, r.getString("target"),
            r.getBoolean("suspected", false), received.minusMillis(age), freshFor,
            r.getString("detail", "")));
      }
      return Future.succeededFuture(out);
    } catch (RuntimeException e) {
      return Future.failedFuture(refused(FailureCode.UNREACHABLE, "MALFORMED",
          peer + " votes body is not the votes JSON: " + Failures.line(e), 0));
    }
  }

  /**
   * The body our own endpoint serves; the format {@link #parse} reads.
   *
   * @param now on the same time line as the reports' {@code seenAt}, for their age
   */
  public static JsonObject toJson(String observer, List<ObserverReport> own, Instant now) {
    JsonArray reports = new JsonArray();
    own.forEach(r -> reports.add(new JsonObject().put("target", r.target())
        .put("suspected", r.suspected()).put("detail", r.detail())
        .put("ageMillis", Math.max(0, Duration.between(r.seenAt(), now).toMillis()))));
    return new JsonObject().put("observer", observer).put("reports", reports);
  }

  private static String reason(Throwable e) {
    return e instanceof CodedFailure f && f.providerCode().isPresent() ? f.providerCode().get() + ": " + f.getMessage()
        : Failures.line(e);
  }

  private static long length(String declared) {
    try {
      return Long.parseLong(declared.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  @Override
  public Future<Void> close() {
    return client.close();
  }
}
