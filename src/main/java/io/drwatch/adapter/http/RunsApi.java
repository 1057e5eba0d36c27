package io.drwatch.adapter.http;

import io.drwatch.app.failover.FailoverPipeline;
import io.drwatch.app.failover.PipelineRefusal;
import io.drwatch.app.failover.RtoView;
import io.drwatch.app.failover.RunsBoard;
import io.drwatch.domain.runbook.FailoverRun;
import io.drwatch.domain.runbook.RunMode;
import io.drwatch.domain.runbook.Trigger;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * Runs and manual control. Writes need the operator's token; they hand an intent to the pipeline, which
 * journals before it acts, and answer with the run as it then stands.
 */
public final class RunsApi {
  static final int MAX_OPERATOR = 64;

  private RunsApi() {}

  public static void mount(Router router, FailoverPipeline pipeline, RunsBoard runs, RtoView rto,
      Optional<String> token) {
    mount(router, pipeline, runs, rto, BearerToken.of(token));
  }

  /** @param auth the operator's token ({@code runbook.token}), and no other role's */
  public static void mount(Router router, FailoverPipeline pipeline, RunsBoard runs, RtoView rto,
      BearerToken auth) {
    router.get("/api/v1/runs").handler(rc -> {
      JsonArray list = new JsonArray();
      runs.runs().forEach(r -> list.add(RunJson.of(r)));
      json(rc, 200, new JsonObject().put("runs", list));
    });
    router.get("/api/v1/runs/:id").handler(rc -> runs.run(rc.pathParam("id")).ifPresentOrElse(
        r -> json(rc, 200, RunJson.of(r)), () -> error(rc, 404, "no run " + rc.pathParam("id"))));
    router.post("/api/v1/failover").handler(rc -> {
      if (auth.admit(rc)) {
        failover(rc, pipeline, rto);
      }
    });
    router.post("/api/v1/runs/:id/approve").handler(rc -> {
      if (auth.admit(rc)) {
        boolean accept = "true".equals(rc.queryParams().get("acceptDataLoss"));
        reply(rc, pipeline.approve(rc.pathParam("id"), who(rc), accept));
      }
    });
    // Re-arming after a failover is an operator's act, journaled with who did it; it starts nothing.
    router.post("/api/v1/rearm").handler(rc -> {
      if (auth.admit(rc)) {
        pipeline.rearm(who(rc)).onSuccess(latch -> json(rc, 200, new JsonObject()
                .put("armed", latch.armed()).put("latch", latch.line())))
            .onFailure(err -> refused(rc, err));
      }
    });
    router.post("/api/v1/runs/:id/cancel").handler(rc -> {
      if (auth.admit(rc)) {
        reply(rc, pipeline.cancel(rc.pathParam("id"), who(rc)));
      }
    });
  }

  private static void failover(RoutingContext rc, FailoverPipeline pipeline, RtoView rto) {
    String mode = Optional.ofNullable(rc.queryParams().get("mode")).orElse("plan");
    switch (mode) {
      case "plan" -> json(rc, 200, RunJson.projection(rto.project()));
      case "drill", "execute" -> reply(rc, pipeline.trigger(
          mode.equals("drill") ? RunMode.DRILL : RunMode.EXECUTE,
          Trigger.manual(mode + " requested over HTTP by " + who(rc)), false));
      default -> error(rc, 400, "mode must be plan, drill or execute, was " + mode);
    }
  }

  // Who asked, for the journal: an operator may name themselves; the address is always kept.
  static String who(RoutingContext rc) {
    String named = operator(rc.request().getHeader("X-Drwatch-Operator"));
    String addr = String.valueOf(rc.request().remoteAddress());
    return (named.isEmpty() ? "api" : named) + "@" + addr;
  }

  /**
   * The operator's own name, fit for a journal line and a log: control characters and whitespace
   * become one space, anything but ASCII letters, digits, space and {@code ._@-} goes, and the
   * rest is cut to {@value #MAX_OPERATOR} characters; empty when nothing is left.
   */
  public static String operator(String header) {
    if (header == null) {
      return "";
    }
    String clean = header.replaceAll("[\\p{Cntrl}\\s]+", " ")
        .replaceAll("[^A-Za-z0-9 ._@-]", "")
        .replaceAll(" +", " ")
        .strip();
    return clean.substring(0, Math.min(MAX_OPERATOR, clean.length())).strip();
  }

  private static void reply(RoutingContext rc, Future<FailoverRun> f) {
    f.onSuccess(r -> json(rc, 202, RunJson.of(r)))
        .onFailure(err -> refused(rc, err));
  }

  /** The error body names a refusal's code, for clients that branch on it ({@code drwatch rearm}). */
  static void refused(RoutingContext rc, Throwable err) {
    JsonObject body = new JsonObject().put("error", err.getMessage());
    if (err instanceof PipelineRefusal r) {
      body.put("code", r.code().name());
    }
    json(rc, status(err), body);
  }

  // A refusal's code decides the status; anything else the pipeline threw is a conflict with its state.
  private static int status(Throwable err) {
    if (!(err instanceof PipelineRefusal r)) {
      return err instanceof IllegalArgumentException ? 404 : 409;
    }
    return switch (r.code()) {
      case NO_SUCH_RUN -> 404;
      case JOURNAL -> 503;
      default -> 409;
    };
  }

  static void json(RoutingContext rc, int status, JsonObject body) {
    rc.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(body.encodePrettily());
  }

  private static void error(RoutingContext rc, int status, String message) {
    json(rc, status, new JsonObject().put("error", message));
  }
}
