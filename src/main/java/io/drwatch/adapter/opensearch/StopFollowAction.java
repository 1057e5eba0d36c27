package io.drwatch.adapter.opensearch;

import io.drwatch.port.FailoverAction;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import io.vertx.core.http.HttpMethod;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * {@code opensearch-stop-follow}: turns a cross-cluster-replication follower index into a normal,
 * writable index ({@code POST _plugins/_replication/<index>/_stop} with {@code {}} on the
 * follower). Irreversible: failing back needs a reverse connection and a new bootstrap.
 *
 * <ul>
 *   <li>check: {@code _status} says {@code REPLICATION NOT IN PROGRESS} (or the index is not found).
 *   <li>apply: the stop; an answer "no replication in progress" counts as done (a race with
 *       another stop), any other 4xx fails at once with the status and the start of the body.
 *   <li>await: polls {@code _status} every {@code pollEvery} until not in progress, for at most
 *       {@code waitSeconds}.
 * </ul>
 *
 * <p>Every call is bounded by {@code timeoutSeconds} and retried on 429/5xx/timeouts ({@link
 * Retry}). Params: {@code url} (follower base url), {@code index}, {@code auth} ({@code basic} |
 * {@code sigv4} | {@code none}; default basic with a password), {@code username} (admin),
 * {@code password}, {@code region} (sigv4), {@code timeoutSeconds} (10), {@code waitSeconds} (60).
 */
public final class StopFollowAction implements FailoverAction {
  private final Vertx vertx;
  private final Supplier<AwsCredentialsProvider> credentials;
  private final Retry retry;
  private final Duration pollEvery;

  StopFollowAction(Vertx vertx, Supplier<AwsCredentialsProvider> credentials, Retry retry, Duration pollEvery) {
    this.vertx = vertx;
    this.credentials = credentials;
    this.retry = retry;
    this.pollEvery = pollEvery;
  }

  /** {@code credentials} is only asked for by steps with {@code auth: sigv4}. */
  public static StopFollowAction create(Vertx vertx, Supplier<AwsCredentialsProvider> credentials) {
    return new StopFollowAction(vertx, credentials, Retry.DEFAULT, Duration.ofMillis(500));
  }

  @Override
  public String name() {
    return "opensearch-stop-follow";
  }

  @Override
  public Future<Boolean> check(Step step) {
    return withClient(step, http -> status(step, http).map(s -> !s.inProgress()));
  }

  @Override
  public Future<Void> apply(Step step) {
    return withClient(step, http -> {
      String path = "/_plugins/_replication/" + OsHttp.seg(step.param("index")) + "/_stop";
      return retry.run(vertx, "step " + step.id() + ": POST " + path,
          () -> http.send(HttpMethod.POST, path, "{}")).compose(reply -> {
            boolean already = reply.status() >= 400 && reply.status() < 500
                && reply.body().toLowerCase(Locale.ROOT).contains("no replication in progress");
            if (reply.status() == 200 || already) {
              return Future.<Void>succeededFuture();
            }
            return failed("step " + step.id() + ": POST " + path + " on " + http.base() + ": status "
                + reply.status() + " " + reply.quoted());
          });
    });
  }

  @Override
  public Future<Void> await(Step step) {
    return withClient(step, http -> {
      int waitSeconds = step.number("waitSeconds", 60, 3600);
      Promise<Void> done = Promise.promise();
      poll(step, http, System.nanoTime() + TimeUnit.SECONDS.toNanos(waitSeconds), waitSeconds, done);
      return done.future();
    });
  }

  /** One promise for the whole loop: no future chain that grows with each round. */
  private void poll(Step step, OsHttp http, long deadline, int waitSeconds, Promise<Void> done) {
    status(step, http).onComplete(ar -> {
      if (ar.succeeded() && !ar.result().inProgress()) {
        done.complete();
      } else if (System.nanoTime() - deadline >= 0) {
        String last = ar.failed() ? ar.cause().getMessage() : "status " + ar.result().describe();
        done.fail(VertxException.noStackTrace("step " + step.id() + ": replication of " + step.param("index")
            + " still in progress after " + waitSeconds + "s (" + last + ")"));
      } else {
        vertx.setTimer(pollEvery.toMillis(), id -> poll(step, http, deadline, waitSeconds, done));
      }
    });
  }

  private Future<ReplicationStatus> status(Step step, OsHttp http) {
    String index = step.param("index");
    String what = "step " + step.id() + ": GET " + ReplicationTelemetry.statusPath(index);
    // Retried here; the final answer is interpreted as the channel does (auth errors fail at once).
    return retry.run(vertx, what, () -> http.get(ReplicationTelemetry.statusPath(index)))
        .compose(reply -> ReplicationTelemetry.interpret(reply, http.base(), index))
        .recover(err -> failed(err.getMessage().startsWith("step ") ? err.getMessage()
            : "step " + step.id() + ": " + err.getMessage()));
  }

  private <T> Future<T> withClient(Step step, Function<OsHttp, Future<T>> body) {
    OsHttp http;
    try {
      http = client(step);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    return body.apply(http).andThen(ar -> http.close());
  }

  private OsHttp client(Step step) {
    step.param("index");
    OsAuth auth = OsAuth.of("step " + step.id(), opt(step, "auth"), opt(step, "username"), opt(step, "password"),
        opt(step, "region"), credentials);
    Duration timeout = Duration.ofSeconds(step.number("timeoutSeconds", 10, 300));
    return OsHttp.create(vertx, step.param("url"), auth, timeout);
  }

  private static Optional<String> opt(Step step, String key) {
    String v = step.param(key, "");
    return v.isBlank() ? Optional.empty() : Optional.of(v);
  }

  private static <T> Future<T> failed(String message) {
    return Future.failedFuture(VertxException.noStackTrace(message));
  }
}
