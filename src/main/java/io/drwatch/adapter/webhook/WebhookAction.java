package io.drwatch.adapter.webhook;

import io.drwatch.adapter.support.Poll;
import io.drwatch.adapter.support.BoundedRequest;
import io.drwatch.adapter.support.TlsFailures;
import io.drwatch.adapter.support.TlsTrust;
import io.drwatch.domain.Failures;
import io.drwatch.domain.Texts;
import io.drwatch.spi.DescribedAction;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.ClientSSLOptions;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code webhook}: one HTTP request with auth, for steps drwatch has no dedicated action for.
 *
 * <ul>
 *   <li>check: with {@code checkUrl}, a GET answering 200 means already done; without it the step
 *       always runs. A check that cannot be sent fails with a short reason.
 *   <li>apply: sends the request; an unexpected status fails with the status and the first 200
 *       characters of the body.
 *   <li>await: with {@code awaitUrl}, polls a GET every 500 ms until 200, for at most
 *       {@code waitSeconds}; without it, done at once.
 * </ul>
 *
 * <p>Every request uses its own connection (no keep-alive), so nothing is held between steps, and
 * is bounded by {@code timeoutSeconds}. Redirects are not followed. Token and header values are
 * never logged nor put in messages. Every request carries {@value #EPOCH_HEADER} with the step's
 * fencing epoch (0 outside a lease). Parameters: {@link WebhookRequest}.
 */
public final class WebhookAction extends DescribedAction<WebhookDescriptor.Target> {
  static final Duration POLL_EVERY = Duration.ofMillis(500);
  /** Carries the step's fencing epoch, so that a receiver can refuse a deposed executor's step. */
  static final String EPOCH_HEADER = "X-Drwatch-Epoch";
  static final int MAX_QUOTED = 200;
  private static final int MAX_READ = 4096;

  /** A response: its status and the first bytes of its body as text. */
  record Reply(int status, String body) {}

  private final Vertx vertx;
  private final HttpClientAgent client;

  WebhookAction(Vertx vertx, HttpClientAgent client) {
    super(new WebhookDescriptor());
    this.vertx = vertx;
    this.client = client;
  }

  public static WebhookAction create(Vertx vertx) {
    return new WebhookAction(vertx, vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false)));
  }

  @Override
  protected Future<Boolean> check(Step step, WebhookDescriptor.Target t) {
    return checkDone(request(step, t));
  }

  @Override
  protected Future<Void> apply(Step step, WebhookDescriptor.Target t) {
    return send(request(step, t));
  }

  @Override
  protected Future<Void> await(Step step, WebhookDescriptor.Target t) {
    return awaitDone(request(step, t), step.abandoned());
  }

  private static WebhookRequest request(Step step, WebhookDescriptor.Target t) {
    return WebhookRequest.of(step.id(), t, step.epoch());
  }

  private Future<Boolean> checkDone(WebhookRequest r) {
    if (r.checkUrl().isEmpty()) {
      return Future.succeededFuture(false);
    }
    return get(r, r.checkUrl().get()).map(reply -> reply.status() == 200);
  }

  private Future<Void> send(WebhookRequest r) {
    return exchange(r, r.method(), r.url(), r.body().map(Buffer::buffer))
        .compose(reply -> r.expect().matches(reply.status())
            ? Future.<Void>succeededFuture()
            : failed(label(r.method(), r.url()) + ": status " + reply.status() + ", expected "
                + r.expect() + quoted(reply.body())));
  }

  private Future<Void> awaitDone(WebhookRequest r, Future<?> stop) {
    if (r.awaitUrl().isEmpty()) {
      return Future.succeededFuture();
    }
    URI url = r.awaitUrl().get();
    // A failed GET is "not yet": the receiver may be restarting into its new role.
    return Poll.every(POLL_EVERY, Duration.ofSeconds(r.waitSeconds())).keepingOnFailure()
        .until(vertx, stop, () -> get(r, url), reply -> reply.status() == 200,
            ar -> (ar.failed() ? ar.cause().getMessage() : label(HttpMethod.GET, url) + ": status " + ar.result().status())
                + ", still not 200 after " + r.waitSeconds() + "s")
        .result().mapEmpty();
  }

  private Future<Reply> get(WebhookRequest r, URI url) {
    return exchange(r, HttpMethod.GET, url, Optional.empty());
  }

  /** One bounded request; transport failures come back as a short reason naming the origin. */
  private Future<Reply> exchange(WebhookRequest r, HttpMethod method, URI url, Optional<Buffer> body) {
    long ms = r.timeout().toMillis();
    RequestOptions options = BoundedRequest.options(method, url, r.timeout())
        .putHeader(EPOCH_HEADER, Long.toString(r.epoch()));
    r.authFor(url).forEach(options::addHeader);
    body.ifPresent(b -> options.putHeader("Content-Type", r.contentType()));
    AtomicReference<Optional<TlsTrust>> used = new AtomicReference<>(Optional.empty());
    return TlsTrust.shared(vertx, r.caFile()).compose(trust -> {
      used.set(trust);
      trust.filter(t -> "https".equals(url.getScheme())).ifPresent(t -> options.setSslOptions(
          new ClientSSLOptions().setTrustOptions(t.options()).setHostnameVerificationAlgorithm("HTTPS")));
      return BoundedRequest.send(vertx, client, options, body, MAX_READ).map(a -> new Reply(a.status(), a.body()));
    })
        .timeout(ms, TimeUnit.MILLISECONDS)
        .recover(err -> failed(label(method, url) + ": "
            + TlsFailures.coded(err, used.get()).map(Throwable::getMessage).orElseGet(() -> reason(err, r.timeout()))));
  }


  /** Names a URL by method and origin only: paths and queries of webhooks often hold secrets. */
  static String label(HttpMethod method, URI url) {
    return method.name() + " " + WebhookRequest.origin(url);
  }

  private static String quoted(String body) {
    String text = body.strip();
    if (text.isEmpty()) {
      return "";
    }
    String start = text.length() > MAX_QUOTED ? text.substring(0, MAX_QUOTED) + "..." : text;
    return ": " + start.replaceAll("\\s+", " "); // one line for logs and verdicts
  }

  static String reason(Throwable err, Duration timeout) {
    if (Failures.isTimeout(err)) {
      return "no answer within " + Texts.duration(timeout);
    }
    return Failures.line(err);
  }

  private static <T> Future<T> failed(String message) {
    return Future.failedFuture(VertxException.noStackTrace(message));
  }
}
