package io.drwatch.adapter.cloudflare;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stateful Cloudflare v4 API on loopback ({@code /client/v4}): DNS records
 * ({@code GET}/{@code PATCH /zones/{zone}/dns_records/{id}}) and Load Balancing pools
 * ({@code GET}/{@code PATCH /accounts/{account}/load_balancers/pools/{id}}), in the real envelopes.
 * Checks the Bearer token (403, code 10000 otherwise) and that PATCH bodies carry only fields the
 * action may change. After a PATCH, {@link #staleReads} reads still see the old object (the API
 * reads lag its writes), so the read-back has something to wait for. {@link #faults} /
 * {@link #always} inject 429 (with Retry-After), 5xx or a stall.
 */
final class CloudflareFake implements AutoCloseable {
  static final String TOKEN = "cf-test-token-5ecr3t";
  private static final Pattern DNS = Pattern.compile("/client/v4/zones/(\\w+)/dns_records/(\\w+)");
  private static final Pattern POOL = Pattern.compile("/client/v4/accounts/(\\w+)/load_balancers/pools/(\\w+)");

  record Seen(String method, String path, String authorization, JsonObject body) {}

  /** An answer replacing the real one, or (with {@code stall}) the real one, late. */
  record Fault(int status, JsonObject body, String retryAfter, Duration stall) {
    static Fault status(int status, int code, String message, String retryAfter) {
      return new Fault(status, failure(code, message), retryAfter, Duration.ZERO);
    }

    static Fault stall(Duration stall) {
      return new Fault(0, null, null, stall);
    }
  }

  final List<Seen> seen = new CopyOnWriteArrayList<>();
  final Deque<Fault> faults = new ConcurrentLinkedDeque<>();
  volatile Fault always;
  volatile int staleReads = 1;
  final Map<String, JsonObject> objects = new ConcurrentHashMap<>();
  private final Map<String, JsonObject> previous = new ConcurrentHashMap<>();
  private final AtomicInteger staleLeft = new AtomicInteger();
  private final Vertx vertx;
  private final HttpServer server;

  CloudflareFake(Vertx vertx) throws Exception {
    this.vertx = vertx;
    new JsonObject("{\"warm\":[1.0]}").encode(); // Jackson's first use is slow: not on the event loop
    server = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1").await(5, TimeUnit.SECONDS);
  }

  String base() {
    return "http://127.0.0.1:" + server.actualPort() + "/client/v4";
  }

  void addRecord(String zone, String id, String content) {
    objects.put("/client/v4/zones/" + zone + "/dns_records/" + id, new JsonObject().put("id", id).put("zone_id", zone)
        .put("zone_name", "example.com").put("name", "app.example.com").put("type", "A").put("content", content)
        .put("proxiable", true).put("proxied", false).put("ttl", 60).put("locked", false)
        .put("meta", new JsonObject()).put("comment", (String) null).put("tags", new JsonArray())
        .put("created_on", "2026-01-02T03:04:05.000000Z").put("modified_on", "2026-01-02T03:04:05.000000Z"));
  }

  void addPool(String account, String id, boolean enabled) {
    objects.put("/client/v4/accounts/" + account + "/load_balancers/pools/" + id, new JsonObject().put("id", id)
        .put("name", "primary-us-east").put("description", "").put("enabled", enabled).put("minimum_origins", 1)
        .put("monitor", "f1aba936b94213e5b8dca0c0dbf1f9cc").put("notification_email", "")
        .put("origins", new JsonArray().add(new JsonObject().put("name", "origin-1").put("address", "192.0.2.10")
            .put("enabled", true).put("weight", 1)))
        .put("created_on", "2026-01-02T03:04:05.000000Z").put("modified_on", "2026-01-02T03:04:05.000000Z"));
  }

  JsonObject object(String path) {
    return objects.get("/client/v4" + path);
  }

  void reset() {
    seen.clear();
    faults.clear();
    always = null;
    staleReads = 1;
  }

  private void handle(HttpServerRequest req) {
    req.body().onSuccess(bytes -> {
      JsonObject body = bytes.length() == 0 ? null : bytes.toJsonObject();
      seen.add(new Seen(req.method().name(), req.path(), req.getHeader("Authorization"), body));
      Fault fault = faults.isEmpty() ? always : faults.poll();
      if (fault != null && fault.stall().isZero()) {
        if (fault.retryAfter() != null) {
          req.response().putHeader("Retry-After", fault.retryAfter());
        }
        send(req, fault.status(), fault.body());
      } else if (fault != null) {
        vertx.setTimer(fault.stall().toMillis(), id -> answer(req, body));
      } else {
        answer(req, body);
      }
    });
  }

  private void answer(HttpServerRequest req, JsonObject body) {
    if (!("Bearer " + TOKEN).equals(req.getHeader("Authorization"))) {
      send(req, 403, failure(10000, "Authentication error"));
      return;
    }
    Matcher dns = DNS.matcher(req.path());
    Matcher pool = POOL.matcher(req.path());
    JsonObject current = objects.get(req.path());
    if (!dns.matches() && !pool.matches()) {
      send(req, 404, failure(7003, "Could not route to " + req.path() + ", perhaps your object identifier is invalid?"));
    } else if (current == null) {
      send(req, 404, dns.matches() ? failure(81044, "Record does not exist.") : failure(1002, "Pool not found"));
    } else if (req.method().name().equals("GET")) {
      boolean stale = previous.containsKey(req.path()) && staleLeft.getAndDecrement() > 0;
      send(req, 200, success(stale ? previous.get(req.path()) : current));
    } else if (req.method().name().equals("PATCH")) {
      Set<String> allowed = dns.matches() ? Set.of("content", "proxied", "ttl") : Set.of("enabled");
      if (body == null || body.isEmpty() || !allowed.containsAll(body.fieldNames())) {
        send(req, 400, failure(9207, "test fake: PATCH may only carry " + allowed + ", got " + body));
        return;
      }
      JsonObject updated = current.copy().mergeIn(body).put("modified_on", "2026-11-26T03:00:00.000000Z");
      previous.put(req.path(), current);
      staleLeft.set(staleReads);
      objects.put(req.path(), updated);
      send(req, 200, success(updated));
    } else {
      send(req, 405, failure(10405, "Method not allowed"));
    }
  }

  static JsonObject success(JsonObject result) {
    return new JsonObject().put("success", true).put("errors", new JsonArray()).put("messages", new JsonArray())
        .put("result", result);
  }

  static JsonObject failure(int code, String message) {
    return new JsonObject().put("success", false)
        .put("errors", new JsonArray().add(new JsonObject().put("code", code).put("message", message)))
        .put("messages", new JsonArray()).put("result", (Object) null);
  }

  private static void send(HttpServerRequest req, int status, JsonObject body) {
    if (!req.response().closed()) {
      req.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }
  }

  @Override
  public void close() throws Exception {
    server.close().await(5, TimeUnit.SECONDS);
  }
}
