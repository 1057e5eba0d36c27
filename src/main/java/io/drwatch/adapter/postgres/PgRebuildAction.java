package io.drwatch.adapter.postgres;

import io.drwatch.adapter.postgres.agent.AgentProtocol;
import io.drwatch.adapter.support.HttpJson;
import io.drwatch.adapter.support.Poll;
import io.drwatch.adapter.support.TlsTrust;
import io.drwatch.domain.CodedFailure;
import io.drwatch.domain.FailureCode;
import io.drwatch.spi.DescribedAction;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * {@code pg-rebuild-standby}: the old primary becomes a standby of the new one, through the drwatch
 * agent on its host ({@code drwatch agent}, docs/pg-agent.md), since drwatch holds no SSH keys and
 * the agent offers this one operation only.
 *
 * <ul>
 *   <li>check: {@code url} is in recovery and its WAL receiver streams from {@code source}; a node
 *       that cannot be reached (the usual case: the old primary is down) is not done;
 *   <li>apply: {@code POST /v1/rebuild-standby}, then polls the job every 500 ms until it ends,
 *       within {@code waitSeconds}; a job already running (a retried apply) is followed, not doubled;
 *   <li>await: polls {@code url} until in recovery and streaming from {@code source}.
 * </ul>
 */
public final class PgRebuildAction extends DescribedAction<PgRebuildDescriptor.Target> {
  static final Duration JOB_POLL = Duration.ofMillis(500);
  static final Duration LINK_POLL = Duration.ofMillis(250);

  private final PgCalls calls;

  PgRebuildAction(PgCalls calls) {
    super(new PgRebuildDescriptor());
    this.calls = calls;
  }

  public static PgRebuildAction create(Vertx vertx) {
    return new PgRebuildAction(PgCalls.create(vertx));
  }

  @Override
  protected Future<Boolean> check(Step step, PgRebuildDescriptor.Target t) {
    return link(PgPromoteTarget.of(step.id(), t.node()), t.source()).map(String::isEmpty).otherwise(false);
  }

  @Override
  protected Future<Void> apply(Step step, PgRebuildDescriptor.Target t) {
    String what = "pg agent " + origin(t.agent());
    return TlsTrust.shared(calls.vertx(), t.agentCaFile()).compose(trust -> {
      HttpClientOptions options = new HttpClientOptions().setKeepAlive(false);
      if ("https".equals(t.agent().getScheme())) {
        options.setSsl(true).setVerifyHost(true);
        trust.ifPresent(tt -> options.setTrustOptions(tt.options()));
      }
      HttpClient client = calls.vertx().createHttpClient(options);
      HttpJson http = HttpJson.wrap(client);
      return start(http, t, what).compose(id -> follow(http, t, what, id, step.abandoned()))
          .andThen(done -> {
            http.close();
            client.close();
          });
    });
  }

  @Override
  protected Future<Void> await(Step step, PgRebuildDescriptor.Target t) {
    PgPromoteTarget node = PgPromoteTarget.of(step.id(), t.node());
    return Poll.every(LINK_POLL, node.waitLimit()).keepingOnFailure()
        .until(calls.vertx(), step.abandoned(), () -> link(node, t.source()), String::isEmpty,
            ar -> node.label() + ": " + (ar.failed() ? ar.cause().getMessage() : ar.result())
                + " after " + node.waitSeconds() + "s")
        .result().mapEmpty();
  }

  private Future<String> start(HttpJson http, PgRebuildDescriptor.Target t, String what) {
    return http.send(HttpMethod.POST, base(t) + AgentProtocol.REBUILD, auth(t),
        Optional.of(new JsonObject().put("source", t.source().toString())), t.requestTimeout(), what)
        .compose(reply -> {
          Optional<String> id = reply.json().map(j -> j.getString("id"));
          // 409 names the job that runs: an apply retried after a lost answer follows it.
          if ((reply.status() == 202 || reply.status() == 409) && id.isPresent()) {
            return Future.succeededFuture(id.get());
          }
          return Future.failedFuture(HttpJson.failure(what + ": rebuild refused, HTTP " + reply.status() + " "
              + reply.quoted(), reply, null));
        });
  }

  private Future<Void> follow(HttpJson http, PgRebuildDescriptor.Target t, String what, String id, Future<?> stop) {
    Duration within = Duration.ofSeconds(t.node().waitSeconds());
    return Poll.every(JOB_POLL, within).keepingOnFailure()
        .untilSeen(calls.vertx(), stop, what + " job " + id, () -> job(http, t, what, id))
        .result()
        .compose(seen -> seen.state().isEmpty() ? Future.<Void>succeededFuture()
            : Future.failedFuture(CodedFailure.of(FailureCode.REJECTED, what + ": rebuild failed: " + seen.state())));
  }

  /** Done with an empty state when the job succeeded, done with the reason when it failed. */
  private Future<Poll.Seen> job(HttpJson http, PgRebuildDescriptor.Target t, String what, String id) {
    return http.send(HttpMethod.GET, base(t) + AgentProtocol.JOBS + id, auth(t), Optional.empty(),
        t.requestTimeout(), what).compose(reply -> {
          Optional<JsonObject> body = reply.json().filter(j -> reply.ok());
          if (body.isEmpty()) {
            return Future.failedFuture(HttpJson.failure(what + ": job " + id + ": HTTP " + reply.status() + " "
                + reply.quoted(), reply, null));
          }
          JsonObject job = body.get();
          return Future.succeededFuture(switch (job.getString("state", "")) {
            case AgentProtocol.SUCCEEDED -> Poll.Seen.done("");
            case AgentProtocol.FAILED -> Poll.Seen.done(job.getString("error", "no reason given"));
            default -> Poll.Seen.notYet("in phase " + job.getString("phase", "?"));
          });
        });
  }

  /** Empty when the node is a standby streaming from the source, else what it is instead. */
  private Future<String> link(PgPromoteTarget node, URI source) {
    return calls.on(node, PgCalls.CALL_TIMEOUT, conn -> conn.query("SELECT pg_is_in_recovery() AS r,"
        + " status, sender_host, sender_port FROM (SELECT 1) AS one LEFT JOIN pg_stat_wal_receiver ON true")
        .execute()).map(rows -> {
          var row = rows.iterator().next();
          if (!Boolean.TRUE.equals(row.getBoolean("r"))) {
            return "not in recovery";
          }
          String from = row.getString("sender_host") + ":" + row.getInteger("sender_port");
          if (!"streaming".equals(row.getString("status"))) {
            return "WAL receiver " + (row.getString("status") == null ? "absent" : row.getString("status"));
          }
          String wanted = AgentProtocol.label(source.toString());
          return wanted.equals(from) ? "" : "streaming from " + from + ", not from " + wanted;
        });
  }

  private static String base(PgRebuildDescriptor.Target t) {
    String s = t.agent().toString();
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  private static Map<String, String> auth(PgRebuildDescriptor.Target t) {
    return Map.of("Authorization", "Bearer " + t.token());
  }

  private static String origin(URI url) {
    return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
  }
}
