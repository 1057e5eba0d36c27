package io.drwatch.adapter.webhook;

import io.drwatch.port.FailoverAction;
import io.drwatch.spi.AbstractActionDescriptor;
import io.drwatch.spi.KindContext;
import io.drwatch.schema.ParamException;
import io.drwatch.schema.ParamSchema;
import io.drwatch.schema.ParamSpec;
import io.drwatch.schema.SharedSpecs;
import io.drwatch.schema.Params;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code webhook}: see {@link WebhookAction}. */
public final class WebhookDescriptor extends AbstractActionDescriptor<WebhookDescriptor.Target> {

  /** The request, its credentials and its read-backs; blank optional params count as absent. */
  public record Target(URI url, String method, Optional<String> body, String contentType,
      Optional<String> bearerToken, Optional<String> header, Optional<String> headerValue, String expectStatus,
      Optional<Path> caFile, Optional<URI> checkUrl, Optional<URI> awaitUrl, int waitSeconds, Duration timeout) {}

  public WebhookDescriptor() {
    super("webhook", "Sends one HTTP request; `checkUrl` answering 200 skips it, `awaitUrl` is polled every 500 ms"
        + " until 200.",
        ParamSchema.of(
            ParamSpec.url("url").asRequired().doc("where the request goes"),
            ParamSpec.oneOf("method", "GET", "POST", "PUT", "PATCH", "DELETE").defaultsTo("POST")
                .doc("the request's method"),
            ParamSpec.string("body").doc("the request's body; none when absent"),
            ParamSpec.string("contentType").defaultsTo("application/json").doc("the body's content type"),
            ParamSpec.string("bearerToken").asSecret().doc("sent as Authorization: Bearer"),
            ParamSpec.string("header").matching("[!#$%&'*+.^_`|~0-9A-Za-z-]+", "an HTTP header name")
                .doc("a header to send, with headerValue"),
            ParamSpec.string("headerValue").asSecret().doc("the header's value"),
            ParamSpec.string("caFile").doc("PEM bundle an https server's certificate is checked against; default:"
                + " the JVM trust store"),
            ParamSpec.string("expectStatus").defaultsTo("2xx").matching("[1-5][0-9][0-9]|[1-5]xx",
                "a status such as 204 or a class such as 2xx").doc("the answer that counts as success"),
            ParamSpec.url("checkUrl").doc("GET answering 200 means already done; without it never skipped"),
            ParamSpec.url("awaitUrl").doc("GET polled until 200; without it done at once"),
            SharedSpecs.requestTimeout(600),
            SharedSpecs.waitSeconds(60, 3600, "bound of the awaitUrl poll")),
        60, Speed.QUICK, false, List.of());
  }

  @Override
  public Target parse(Params p) {
    if (p.has("header") != p.has("headerValue")) {
      throw new ParamException(p.has("header") ? "headerValue" : "header",
          "header and headerValue go together; give both or neither");
    }
    if (p.optionalString("header").filter(h -> h.equalsIgnoreCase(WebhookAction.EPOCH_HEADER)).isPresent()) {
      throw new ParamException("header", WebhookAction.EPOCH_HEADER + " is drwatch's own (the fencing epoch)");
    }
    if (p.has("bearerToken") && p.optionalString("header").filter(h -> h.equalsIgnoreCase("Authorization")).isPresent()) {
      throw new ParamException("header", "Authorization conflicts with bearerToken; give one of them");
    }
    return new Target(p.url("url"), p.string("method"), p.optionalString("body"), p.string("contentType"),
        text(p, "bearerToken"), text(p, "header"), p.optionalString("headerValue"), p.string("expectStatus"),
        text(p, "caFile").map(Path::of), p.optionalUrl("checkUrl"), p.optionalUrl("awaitUrl"),
        p.integer("waitSeconds"), p.seconds("timeoutSeconds"));
  }

  private static Optional<String> text(Params p, String name) {
    return p.optionalString(name).map(String::strip).filter(s -> !s.isEmpty());
  }

  @Override
  public FailoverAction create(KindContext context) {
    return WebhookAction.create(context.vertx());
  }
}
