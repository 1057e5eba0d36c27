package io.drwatch.adapter.http;

import io.drwatch.app.failover.FailoverPipeline;
import io.drwatch.domain.runbook.RunMode;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.SecurityPolicyHandler;

/**
 * {@code POST /api/v1/reprotect} and {@code POST /api/v1/switchover}: an operator starts the
 * runbook's reprotect or switchover section. The handler only hands the intent to the pipeline,
 * which journals before it acts. Body optional: {@code {"operator":"name","acceptDataLoss":false}}.
 * 202 with {@code runId} and the run; 409 with the reason when refused (another run active, no such
 * section, nothing to reprotect, ...); 400 for a body that is not that object.
 */
public final class OperatorRunsApi {
  static final int BODY_LIMIT = 4096;

  private OperatorRunsApi() {}

  /** @param auth the operator's token ({@code runbook.token}) */
  public static void mount(Router router, FailoverPipeline pipeline, BearerToken auth) {
    mount(router, "/api/v1/reprotect", RunMode.REPROTECT, pipeline, auth);
    mount(router, "/api/v1/switchover", RunMode.SWITCHOVER, pipeline, auth);
  }

  private static void mount(Router router, String path, RunMode mode, FailoverPipeline pipeline, BearerToken auth) {
    // Authenticated before a byte of the body is buffered.
    SecurityPolicyHandler admit = rc -> {
      if (auth.admit(rc)) {
        rc.next();
      }
    };
    router.post(path).handler(admit).handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT))
        .handler(rc -> start(rc, mode, pipeline));
  }

  private static void start(RoutingContext rc, RunMode mode, FailoverPipeline pipeline) {
    JsonObject body;
    try {
      String text = rc.body().asString();
      body = text == null || text.isBlank() ? new JsonObject() : new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      RunsApi.json(rc, 400, new JsonObject().put("error", "body must be a JSON object such as"
          + " {\"operator\":\"name\",\"acceptDataLoss\":false}"));
      return;
    }
    Object accept = body.getValue("acceptDataLoss", false);
    Object operator = body.getValue("operator", "");
    if (!(accept instanceof Boolean) || !(operator instanceof String)) {
      RunsApi.json(rc, 400, new JsonObject().put("error",
          "operator must be a string and acceptDataLoss true or false"));
      return;
    }
    String named = RunsApi.operator((String) operator);
    String who = named.isEmpty() ? RunsApi.who(rc)
        : named + "@" + rc.request().remoteAddress();
    pipeline.start(mode, who, (Boolean) accept)
        .onSuccess(r -> RunsApi.json(rc, 202, RunJson.of(r).put("runId", r.runId())))
        .onFailure(err -> RunsApi.refused(rc, err));
  }
}
