package io.drwatch.adapter.aws;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A loopback server speaking the AWS JSON 1.0 / 1.1 protocols, for services moto lacks. It checks
 * what the SDK really sends (POST /, the {@code Content-Type}, a SigV4 {@code Authorization} and
 * {@code X-Amz-Target: PREFIX.Operation}), records every call, hands the JSON body to the
 * operation's handler and answers its reply; unknown operations get the protocol's
 * {@code UnknownOperationException}. Faults queued in {@link #faults} (or {@link #always}) replace
 * or delay the next answers: throttling, 5xx, a stall longer than the client's timeout.
 */
public final class AwsJsonFake implements AutoCloseable {
  /** An answer: HTTP status and JSON body. */
  public record Reply(int status, JsonObject body) {
    public static Reply ok(JsonObject body) {
      return new Reply(200, body);
    }

    /** The JSON protocols' error shape: the code in {@code __type}, and a message. */
    public static Reply error(int status, String type, String message) {
      return new Reply(status, new JsonObject().put("__type", type).put("message", message));
    }
  }

  /** Replaces the answer ({@code reply}) or answers normally after {@code stall}. */
  public record Fault(Reply reply, Duration stall) {
    public static Fault answer(Reply reply) {
      return new Fault(reply, Duration.ZERO);
    }

    public static Fault stall(Duration stall) {
      return new Fault(null, stall);
    }
  }

  /** One request as the server saw it. */
  public record Call(String operation, JsonObject body) {}

  public final List<Call> calls = new CopyOnWriteArrayList<>();
  public final Deque<Fault> faults = new ConcurrentLinkedDeque<>();
  public volatile Fault always;
  private final Vertx vertx;
  private final String contentType;
  private final String targetPrefix;
  private final Map<String, Function<JsonObject, Reply>> operations;
  private final HttpServer server;

  public AwsJsonFake(Vertx vertx, String jsonVersion, String targetPrefix,
      Map<String, Function<JsonObject, Reply>> operations) throws Exception {
    this.vertx = vertx;
    // Jackson's first use loads and initialises its classes for ~0.5 s: not on the event loop.
    new JsonObject("{\"warm\":[1.0]}").encode();
    this.contentType = "application/x-amz-json-" + jsonVersion;
    this.targetPrefix = targetPrefix + ".";
    this.operations = Map.copyOf(operations);
    this.server = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1")
        .await(5, TimeUnit.SECONDS);
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.actualPort());
  }

  /** The operations called so far, in order. */
  public List<String> operations() {
    return calls.stream().map(Call::operation).toList();
  }

  private void handle(HttpServerRequest req) {
    req.body().onSuccess(bytes -> {
      String target = req.getHeader("X-Amz-Target");
      String auth = req.getHeader("Authorization");
      if (req.method().name().equals("POST") && req.path().equals("/") && contentType.equals(req.getHeader("Content-Type"))
          && auth != null && auth.startsWith("AWS4-HMAC-SHA256 Credential=testing/")
          && target != null && target.startsWith(targetPrefix)) {
        String operation = target.substring(targetPrefix.length());
        JsonObject body = bytes.length() == 0 ? new JsonObject() : bytes.toJsonObject();
        calls.add(new Call(operation, body));
        Fault fault = faults.isEmpty() ? always : faults.poll();
        if (fault != null && fault.reply() != null) {
          send(req, fault.reply());
        } else if (fault != null) {
          vertx.setTimer(Math.max(1, fault.stall().toMillis()), id -> send(req, answer(operation, body)));
        } else {
          send(req, answer(operation, body));
        }
      } else {
        send(req, Reply.error(400, "SerializationException", "not an AWS JSON " + contentType + " request to "
            + targetPrefix + "*: " + req.method() + " " + req.path() + " target=" + target));
      }
    });
  }

  private Reply answer(String operation, JsonObject body) {
    Function<JsonObject, Reply> handler = operations.get(operation);
    return handler == null ? Reply.error(400, "UnknownOperationException", operation) : handler.apply(body);
  }

  private void send(HttpServerRequest req, Reply reply) {
    if (req.response().closed()) {
      return; // the client gave up on a stalled call
    }
    req.response().setStatusCode(reply.status())
        .putHeader("Content-Type", contentType)
        .putHeader("x-amzn-RequestId", java.util.UUID.randomUUID().toString())
        .end(reply.body().encode());
  }

  @Override
  public void close() throws Exception {
    server.close().await(5, TimeUnit.SECONDS);
  }
}
