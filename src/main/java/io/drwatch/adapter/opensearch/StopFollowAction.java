package io.drwatch.adapter.opensearch;

import io.drwatch.adapter.opensearch.StopFollowDescriptor.Target;
import io.drwatch.adapter.support.Backoff;
import io.drwatch.adapter.support.Failing;
import io.drwatch.adapter.support.HttpJson;
import io.drwatch.adapter.support.Poll;
import io.drwatch.adapter.support.Retry;
import io.drwatch.adapter.support.TlsTrust;
import io.drwatch.domain.CodedFailure;
import io.drwatch.spi.DescribedAction;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import java.time.Duration;
import java.util.Locale;
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
public final class StopFollowAction extends DescribedAction<Target> {
  private final Vertx vertx;
  private final Supplier<AwsCredentialsProvider> credentials;
  /** 429 and 5xx answers are retried as failures; the rest of the answers go back to the caller. */
  static final Retry RETRY = Retry.of("opensearch").backoff(new Backoff(Duration.ofMillis(250), Duration.ofSeconds(4)));

  private final Retry retry;
  private final Duration pollEvery;

  StopFollowAction(Vertx vertx, Supplier<AwsCredentialsProvider> credentials, Retry retry, Duration pollEvery) {
    super(new StopFollowDescriptor());
    this.vertx = vertx;
    this.credentials = credentials;
    this.retry = retry;
    this.pollEvery = pollEvery;
  }

  /** {@code credentials} is only asked for by steps with {@code auth: sigv4}. */
  public static StopFollowAction create(Vertx vertx, Supplier<AwsCredentialsProvider> credentials) {
    return new StopFollowAction(vertx, credentials, RETRY, Duration.ofMillis(500));
  }

  @Override
  protected Future<Boolean> check(Step step, Target t) {
    return withClient(step, t, http -> status(step, t, http).map(s -> !s.inProgress()));
  }

  @Override
  protected Future<Void> apply(Step step, Target t) {
    return withClient(step, t, http -> {
      String path = "/_plugins/_replication/" + OsHttp.seg(t.index()) + "/_stop";
      return retried(step, "step " + step.id() + ": POST " + path,
          () -> http.send(HttpMethod.POST, path, "{}")).compose(reply -> {
            boolean already = reply.status() >= 400 && reply.status() < 500
                && reply.body().toLowerCase(Locale.ROOT).contains("no replication in progress");
            if (reply.status() == 200 || already) {
              return Future.<Void>succeededFuture();
            }
            return Future.<Void>failedFuture(CodedFailure.of(HttpJson.code(reply.status()), "step " + step.id()
                + ": POST " + path + " on " + http.base() + ": status " + reply.status() + " " + reply.quoted(),
                null, reply.status(), null, null));
          });
    });
  }

  @Override
  protected Future<Void> await(Step step, Target t) {
    return withClient(step, t, http -> {
      long waitSeconds = t.waitFor().toSeconds();
      // A failed read is "not yet": the follower may be busy while it stops.
      return Poll.every(pollEvery, t.waitFor()).keepingOnFailure().until(vertx, step.abandoned(),
          () -> status(step, t, http), s -> !s.inProgress(),
          ar -> "step " + step.id() + ": replication of " + t.index() + " still in progress after "
              + waitSeconds + "s (" + (ar.failed() ? ar.cause().getMessage() : "status " + ar.result().describe())
              + ")").result().mapEmpty();
    });
  }

  /** {@code call} with our retries, none after the step was abandoned; a 429 or 5xx answer counts as a failed attempt. */
  private Future<OsHttp.Reply> retried(Step step, String what, Supplier<Future<OsHttp.Reply>> call) {
    return retry.label(what).stopOn(step.abandoned()).run(vertx, () -> call.get().compose(reply -> reply.status() == 429 || reply.status() >= 500
        ? Future.failedFuture(CodedFailure.of(HttpJson.code(reply.status()),
            "status " + reply.status() + " " + reply.quoted(), null, reply.status(), null, null))
        : Future.succeededFuture(reply)));
  }

  private Future<ReplicationStatus> status(Step step, Target t, OsHttp http) {
    String index = t.index();
    String what = "step " + step.id() + ": GET " + ReplicationTelemetry.statusPath(index);
    // Retried here; the final answer is interpreted as the channel does (auth errors fail at once).
    return retried(step, what, () -> http.get(ReplicationTelemetry.statusPath(index)))
        .compose(reply -> ReplicationTelemetry.interpret(reply, http.base(), index)
            .recover(err -> Failing.under("step " + step.id(), err)));
  }

  private <T> Future<T> withClient(Step step, Target t, Function<OsHttp, Future<T>> body) {
    return TlsTrust.shared(vertx, t.caFile()).compose(trust -> {
      OsHttp http;
      try {
        OsAuth auth = OsAuth.of("step " + step.id(), t.auth(), t.username(), t.password(), t.region(),
            credentials);
        http = OsHttp.create(vertx, t.url().toString(), auth, t.timeout(), trust);
      } catch (IllegalArgumentException e) {
        return Future.failedFuture(e);
      }
      return body.apply(http).andThen(ar -> http.close());
    });
  }
}
