package io.drwatch.adapter.http.events;

import io.drwatch.app.ingest.EventEnvelopes;
import io.drwatch.app.ingest.EventIngest;
import io.drwatch.app.ingest.IngestOutcome;
import io.drwatch.app.ingest.IngestSource;
import io.drwatch.app.ingest.MalformedEventException;
import io.drwatch.app.ingest.ReceiveOutcome;
import io.drwatch.domain.event.EventEnvelope;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.SecurityPolicyHandler;
import java.lang.System.Logger.Level;
import java.util.Locale;

/**
 * {@code POST /api/v1/events}: the target of an EventBridge API destination. In order, before any
 * body byte is buffered: credentials (401 missing, 403 wrong or events disabled), then the
 * declared length (413); then the body, at most {@value #BODY_LIMIT} bytes (413), must be an
 * EventBridge envelope (400 naming the field). A valid event gets 202 with the ingest outcome
 * ({@code accepted}, {@code duplicate} or {@code ignored}). The handler only validates and hands
 * the event to {@link EventIngest}; it never calls anything remote.
 */
public final class EventsWebhook {
  public static final String PATH = "/api/v1/events";
  /** EventBridge's own maximum event size. */
  public static final int BODY_LIMIT = 256 * 1024;

  private static final System.Logger LOG = System.getLogger(EventsWebhook.class.getName());
  private static final String JSON = "application/json; charset=utf-8";
  private static final String CHALLENGE = "Basic realm=\"drwatch events\", charset=\"UTF-8\"";

  private final EventsAuth auth;
  private final EventIngest ingest;

  private EventsWebhook(EventsAuth auth, EventIngest ingest) {
    this.auth = auth;
    this.ingest = ingest;
  }

  /** Adds the POST route to {@code router}; other methods on the path get the router's 405. */
  public static Route mount(Router router, EventsAuth auth, EventIngest ingest) {
    EventsWebhook webhook = new EventsWebhook(auth, ingest);
    return router.post(PATH)
        .handler(gate(webhook::authorize))
        .handler(gate(webhook::checkDeclaredLength))
        .handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT))
        .handler(webhook::accept)
        .failureHandler(webhook::failed);
  }

  /**
   * Vert.x Web orders handlers by kind and refuses a plain handler before {@link BodyHandler}.
   * These gates look at headers only and decide before a byte of the body is buffered, which is
   * what a security-policy handler is for.
   */
  private static SecurityPolicyHandler gate(Handler<RoutingContext> check) {
    return check::handle;
  }

  private void authorize(RoutingContext rc) {
    switch (auth.check(rc.request().headers())) {
      case OK -> rc.next();
      case MISSING -> {
        rc.response().putHeader("WWW-Authenticate", CHALLENGE);
        refuse(rc, 401, ReceiveOutcome.UNAUTHORIZED, error("unauthorized",
            "credentials required: the " + auth.header() + " header or HTTP Basic"));
      }
      case WRONG -> refuse(rc, 403, ReceiveOutcome.UNAUTHORIZED, error("forbidden", "invalid credentials"));
      case DISABLED -> refuse(rc, 403, ReceiveOutcome.UNAUTHORIZED, error("forbidden",
          "events are disabled: no token is configured (detection.events.token)"));
    }
  }

  private void checkDeclaredLength(RoutingContext rc) {
    String declared = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
    if (declared != null && parseLength(declared) > BODY_LIMIT) {
      refuse(rc, 413, ReceiveOutcome.TOO_LARGE, tooLarge());
    } else {
      rc.next();
    }
  }

  private void accept(RoutingContext rc) {
    Buffer body = rc.body().buffer();
    if (body != null && body.length() > BODY_LIMIT) {
      // A router-wide BodyHandler mounted before this route has read the body with its own limit.
      refuse(rc, 413, ReceiveOutcome.TOO_LARGE, tooLarge());
      return;
    }
    EventEnvelope event;
    try {
      event = EventEnvelopes.parse(body == null ? Buffer.buffer() : body);
    } catch (MalformedEventException e) {
      JsonObject reply = error("malformed", e.getMessage());
      e.field().ifPresent(f -> reply.put("field", f));
      refuse(rc, 400, ReceiveOutcome.MALFORMED, reply);
      return;
    }
    IngestOutcome outcome = ingest.ingest(IngestSource.WEBHOOK, event);
    send(rc, 202, new JsonObject().put("outcome", outcome.name().toLowerCase(Locale.ROOT)).put("id", event.id()));
  }

  private void failed(RoutingContext rc) {
    int status = rc.statusCode();
    if (status == 413) {
      refuse(rc, 413, ReceiveOutcome.TOO_LARGE, tooLarge());
      return;
    }
    if (status >= 400 && status < 500 && rc.failure() == null) {
      refuse(rc, status, ReceiveOutcome.MALFORMED, error("malformed", "request refused while reading the body"));
      return;
    }
    LOG.log(Level.ERROR, "events webhook: event not recorded: {0}", String.valueOf(rc.failure()));
    LOG.log(Level.DEBUG, "events webhook: failure", rc.failure());
    if (!rc.response().headWritten()) {
      send(rc, 500, error("internal", "event not recorded; retry"));
    }
  }

  private void refuse(RoutingContext rc, int status, ReceiveOutcome outcome, JsonObject body) {
    ingest.reject(IngestSource.WEBHOOK, outcome);
    LOG.log(Level.DEBUG, "events webhook: {0} from {1}: {2}", status, rc.request().remoteAddress(), body.getString("message"));
    send(rc, status, body);
  }

  private static void send(RoutingContext rc, int status, JsonObject body) {
    rc.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(body.encode());
  }

  private static JsonObject error(String error, String message) {
    return new JsonObject().put("error", error).put("message", message);
  }

  private static JsonObject tooLarge() {
    return error("too_large", "body over " + BODY_LIMIT + " bytes (EventBridge's maximum event size)");
  }

  private static long parseLength(String declared) {
    try {
      return Long.parseLong(declared.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
