package io.drwatch.adapter.opensearch;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A follower cluster's cross-cluster-replication REST surface, at the wire level: {@code GET
 * _plugins/_replication/<index>/_status} and {@code POST .../_stop}, with the response shapes of the
 * plugin's API documentation (opensearch-project/documentation-website, replication-plugin/api.md).
 * No server here implements them: the plugin is not on Maven Central, so the real OpenSearch node
 * answers "no handler found" (local-peers.md §5). Stateful: checkpoints advance on {@link #advance},
 * a follower can be paused/failed, and a stop walks SYNCING -> (still SYNCING for {@link
 * #stopLag} polls) -> REPLICATION NOT IN PROGRESS. Auth: Basic with {@link #user}/{@link
 * #password}, or SigV4 presence checks (Authorization structure and X-Amz-Date), as set.
 * Faults queued in {@link #faults} answer the next requests instead (429, 5xx, or no answer).
 */
final class ReplicationFake implements AutoCloseable {
  private static final Pattern PATH = Pattern.compile("^/_plugins/_replication/([^/]+)/(_status|_stop)$");
  private static final Pattern DOC = Pattern.compile("^/([^/_][^/]*)/_doc/([^/]+)$");

  /** Next answers to give instead of the real one: a status code, or 0 for no answer at all. */
  final Deque<Integer> faults = new ConcurrentLinkedDeque<>();
  final List<String> seen = new CopyOnWriteArrayList<>();
  final List<MultiMap> headers = new CopyOnWriteArrayList<>();
  final Map<String, Follower> indices = new ConcurrentHashMap<>();
  /** Documents by "index/id", as {@code _source} JSON: the heartbeat's get and index APIs. */
  final Map<String, JsonObject> docs = new ConcurrentHashMap<>();
  volatile String user = "admin";
  volatile String password = "s3cret-pw";
  volatile boolean sigV4;
  volatile int stopLag = 2;
  private final HttpServer server;

  /** One follower index's replication state. */
  static final class Follower {
    volatile String status = "SYNCING";
    volatile String reason = "User initiated";
    volatile long leaderCheckpoint = -1;
    volatile long followerCheckpoint = -1;
    volatile int stopPollsLeft = -1;
  }

  ReplicationFake(Vertx vertx) throws Exception {
    server = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1").await(5, TimeUnit.SECONDS);
  }

  /**
   * The first use of each client path in a JVM (connect, error envelope, non-JSON body, timeout,
   * SigV4) runs class initialisation on an event loop, which the strict checker of TestVertx would
   * report. Tests pay for it here, on a lenient Vert.x.
   */
  static void warmUp() throws Exception {
    Vertx lenient = Vertx.vertx();
    try (ReplicationFake f = new ReplicationFake(lenient)) {
      f.follow("warm");
      OsAuth[] auths = {OsAuth.basic(f.user, f.password), OsAuth.basic(f.user, "wrong"),
          OsAuth.sigV4("us-east-1", () -> software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
              software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("testing", "testing")),
              java.time.Clock.systemUTC())};
      for (OsAuth auth : auths) {
        OsHttp http = OsHttp.create(lenient, f.url(), auth, java.time.Duration.ofSeconds(5));
        for (String index : new String[] {"warm", "missing"}) {
          ReplicationTelemetry.read(http, index).otherwiseEmpty().await(10, TimeUnit.SECONDS);
          http.send(io.vertx.core.http.HttpMethod.POST, "/_plugins/_replication/" + index + "/_stop", "{}")
              .otherwiseEmpty().await(10, TimeUnit.SECONDS);
        }
        f.faults.add(429);
        http.get("/x").otherwiseEmpty().await(10, TimeUnit.SECONDS);
        http.close();
      }
      OsHttp quick = OsHttp.create(lenient, f.url(), OsAuth.none(), java.time.Duration.ofMillis(200));
      f.faults.add(0);
      quick.get("/x").otherwiseEmpty().await(10, TimeUnit.SECONDS);
      quick.close();
    } finally {
      lenient.close().await(5, TimeUnit.SECONDS);
    }
  }

  String url() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  Follower follow(String index) {
    return indices.computeIfAbsent(index, i -> new Follower());
  }

  /** The leader took {@code leaderOps} operations and the follower applied {@code followerOps}. */
  void advance(String index, long leaderOps, long followerOps) {
    Follower f = follow(index);
    f.leaderCheckpoint += leaderOps;
    f.followerCheckpoint = Math.min(f.leaderCheckpoint, f.followerCheckpoint + followerOps);
  }

  long count(String method, String suffix) {
    return seen.stream().filter(s -> s.startsWith(method + " ") && s.endsWith(suffix)).count();
  }

  private void handle(HttpServerRequest req) {
    req.body().onSuccess(body -> {
      seen.add(req.method().name() + " " + req.path());
      headers.add(MultiMap.caseInsensitiveMultiMap().addAll(req.headers()));
      Integer fault = faults.poll();
      if (fault != null) {
        if (fault > 0) {
          error(req, fault, fault == 429 ? "too_many_requests" : "internal_server_error", "injected " + fault);
        }
        return; // 0: never answer
      }
      if (!authorised(req)) {
        req.response().setStatusCode(401).putHeader("WWW-Authenticate", "Basic realm=\"OpenSearch Security\"")
            .end("Unauthorized");
        return;
      }
      Matcher d = DOC.matcher(req.path());
      if (d.matches()) {
        doc(req, d.group(1), d.group(2), body.toString());
        return;
      }
      Matcher m = PATH.matcher(req.path());
      if (!m.matches()) {
        error(req, 400, "illegal_argument_exception", "no handler found for uri [" + req.path() + "]");
        return;
      }
      String index = m.group(1);
      Follower f = indices.get(index);
      if (f == null) {
        error(req, 404, "index_not_found_exception", "no such index [" + index + "]");
      } else if (m.group(2).equals("_status") && req.method().name().equals("GET")) {
        req.response().putHeader("Content-Type", "application/json").end(status(index, f).encode());
      } else if (m.group(2).equals("_stop") && req.method().name().equals("POST")) {
        stop(req, index, f, body.toString());
      } else {
        error(req, 405, "method_not_allowed", req.method() + " not allowed");
      }
    });
  }

  private boolean authorised(HttpServerRequest req) {
    String auth = req.getHeader("Authorization");
    if (sigV4) {
      return auth != null && auth.matches("AWS4-HMAC-SHA256 Credential=testing/\\d{8}/[a-z0-9-]+/es/aws4_request, "
          + "SignedHeaders=[a-z0-9;-]*host[a-z0-9;-]*x-amz-date[a-z0-9;-]*, Signature=[0-9a-f]{64}")
          && String.valueOf(req.getHeader("X-Amz-Date")).matches("\\d{8}T\\d{6}Z");
    }
    String expected = "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes());
    return expected.equals(auth);
  }

  private JsonObject status(String index, Follower f) {
    if (f.stopPollsLeft == 0) {
      f.status = ReplicationStatus.NOT_IN_PROGRESS;
    } else if (f.stopPollsLeft > 0) {
      f.stopPollsLeft--;
    }
    if (f.status.equals(ReplicationStatus.NOT_IN_PROGRESS)) {
      return new JsonObject().put("status", f.status);
    }
    return new JsonObject().put("status", f.status).put("reason", f.reason).put("leader_alias", "leader")
        .put("leader_index", index).put("follower_index", index)
        .put("syncing_details", new JsonObject().put("leader_checkpoint", f.leaderCheckpoint)
            .put("follower_checkpoint", f.followerCheckpoint).put("seq_no", Math.max(0, f.followerCheckpoint + 1)));
  }

  private void stop(HttpServerRequest req, String index, Follower f, String body) {
    if (body.isBlank() || !new JsonObject(body).isEmpty()) {
      error(req, 400, "parse_exception", "expected {} as the body, got " + body);
    } else if (f.status.equals(ReplicationStatus.NOT_IN_PROGRESS) || f.stopPollsLeft >= 0) {
      error(req, 400, "illegal_argument_exception", "No replication in progress for index:" + index);
    } else {
      f.stopPollsLeft = stopLag;
      req.response().putHeader("Content-Type", "application/json").end("{\"acknowledged\":true}");
    }
  }

  private void doc(HttpServerRequest req, String index, String id, String body) {
    String key = index + "/" + id;
    JsonObject head = new JsonObject().put("_index", index).put("_id", id);
    if (req.method().name().equals("PUT")) {
      boolean created = docs.put(key, new JsonObject(body)) == null;
      req.response().setStatusCode(created ? 201 : 200).putHeader("Content-Type", "application/json")
          .end(head.put("result", created ? "created" : "updated").encode());
    } else if (docs.containsKey(key)) {
      req.response().putHeader("Content-Type", "application/json")
          .end(head.put("found", true).put("_source", docs.get(key)).encode());
    } else {
      req.response().setStatusCode(404).putHeader("Content-Type", "application/json").end(head.put("found", false).encode());
    }
  }

  /** OpenSearch's error envelope. */
  private static void error(HttpServerRequest req, int status, String type, String reason) {
    JsonObject cause = new JsonObject().put("type", type).put("reason", reason);
    JsonObject body = new JsonObject()
        .put("error", cause.copy().put("root_cause", new JsonArray().add(cause))).put("status", status);
    req.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }

  @Override
  public void close() throws Exception {
    server.close().await(5, TimeUnit.SECONDS);
  }
}
