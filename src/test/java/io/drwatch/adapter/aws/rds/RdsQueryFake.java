package io.drwatch.adapter.aws.rds;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stateful wire-level fake of the RDS Query API (form-encoded POST, {@code Version=2014-10-31},
 * SigV4-signed for service {@code rds}; XML answers, see {@link RdsXml}) on a loopback port, for
 * what moto lacks: moto's {@code FailoverGlobalCluster} and {@code SwitchoverGlobalCluster} answer
 * NotImplemented (HTTP 500), and its {@code PromoteReadReplica} answers 200 without changing the
 * instance. Serves {@code DescribeDBInstances}, {@code PromoteReadReplica},
 * {@code DescribeGlobalClusters}, {@code FailoverGlobalCluster} and {@code SwitchoverGlobalCluster}.
 *
 * <p>Every request is checked against the exact parameter set of its action; a deviation is
 * answered 400 and kept in {@link #problems()}. State walks one stage per describe (not per
 * wall-clock time, so tests are deterministic): a promoted replica through {@link #PROMOTION}, a
 * global cluster through {@link #FAILOVER} or {@link #SWITCHOVER}. Faults (an error code and status,
 * or a slow answer) can be queued per action.
 */
final class RdsQueryFake implements AutoCloseable {
  /** One stage of a promotion: the status and whether the instance still shows its source. */
  record Stage(String status, boolean replica) {}

  /** One stage of a global failover: cluster status, FailoverState status (null: none), target is writer. */
  record GlobalStage(String status, String failover, boolean targetWriter) {}

  record Request(String action, Map<String, String> params, String region) {}

  private record Fault(int status, String code, long delayMillis) {}

  static final List<Stage> PROMOTION = List.of(new Stage("modifying", true), new Stage("modifying", false),
      new Stage("backing-up", false), new Stage("rebooting", false), new Stage("available", false));
  static final List<GlobalStage> FAILOVER = List.of(new GlobalStage("failing-over", "pending", false),
      new GlobalStage("failing-over", "failing-over", false), new GlobalStage("failing-over", "failing-over", true),
      new GlobalStage("available", null, true));
  static final List<GlobalStage> SWITCHOVER = List.of(new GlobalStage("switching-over", "pending", false),
      new GlobalStage("switching-over", "switching-over", false), new GlobalStage("available", null, true));

  private static final Map<String, Set<String>> REQUIRED = Map.of(
      "DescribeDBInstances", Set.of("DBInstanceIdentifier"),
      "PromoteReadReplica", Set.of("DBInstanceIdentifier"),
      "DescribeGlobalClusters", Set.of("GlobalClusterIdentifier"),
      "FailoverGlobalCluster", Set.of("GlobalClusterIdentifier", "TargetDbClusterIdentifier", "AllowDataLoss"),
      "SwitchoverGlobalCluster", Set.of("GlobalClusterIdentifier", "TargetDbClusterIdentifier"));
  private static final Map<String, Set<String>> OPTIONAL = Map.of("PromoteReadReplica", Set.of("BackupRetentionPeriod"));
  private static final Pattern SCOPE = Pattern.compile("Credential=testing/\\d{8}/([a-z0-9-]+)/rds/aws4_request");

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final List<String> problems = new CopyOnWriteArrayList<>();
  private final Map<String, Deque<Fault>> faults = new ConcurrentHashMap<>();
  private final RdsFakeState state = new RdsFakeState();

  private RdsQueryFake() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  static RdsQueryFake start() throws IOException {
    return new RdsQueryFake();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  RdsFakeState state() {
    return state;
  }

  /** The next {@code times} calls of {@code action} are answered {@code status} with error {@code code}. */
  void fail(String action, int times, int status, String code) {
    queue(action, times, new Fault(status, code, 0));
  }

  /** The next {@code times} calls of {@code action} are answered only after {@code millis}. */
  void slow(String action, int times, long millis) {
    queue(action, times, new Fault(0, null, millis));
  }

  private void queue(String action, int times, Fault fault) {
    Deque<Fault> q = faults.computeIfAbsent(action, a -> new ArrayDeque<>());
    synchronized (q) {
      for (int i = 0; i < times; i++) {
        q.add(fault);
      }
    }
  }

  List<Request> requests(String action) {
    return requests.stream().filter(r -> r.action().equals(action)).toList();
  }

  List<String> problems() {
    return List.copyOf(problems);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Map<String, String> params = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      String action = params.getOrDefault("Action", "");
      String problem = problem(exchange, action, params);
      Matcher scope = SCOPE.matcher(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
      String region = scope.find() ? scope.group(1) : "none";
      if (problem != null) {
        problems.add(problem);
        reply(exchange, 400, RdsXml.error(400, "InvalidParameterCombination", problem));
        return;
      }
      requests.add(new Request(action, Map.copyOf(params), region));
      Fault fault = nextFault(action);
      if (fault != null && fault.delayMillis() > 0) {
        Thread.sleep(fault.delayMillis()); // a slow service, on the fake's own thread
      } else if (fault != null) {
        reply(exchange, fault.status(), RdsXml.error(fault.status(), fault.code(), "injected " + fault.code()));
        return;
      }
      RdsFakeState.Answer answer = state.answer(action, params, region);
      reply(exchange, answer.status(), answer.xml());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Fault nextFault(String action) {
    Deque<Fault> q = faults.get(action);
    if (q == null) {
      return null;
    }
    synchronized (q) {
      return q.poll();
    }
  }

  /** What is wrong with the request on the wire, or null. */
  private static String problem(HttpExchange exchange, String action, Map<String, String> params) {
    String type = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
    if (!exchange.getRequestMethod().equals("POST") || !type.startsWith("application/x-www-form-urlencoded")) {
      return "expected a form-encoded POST, got " + exchange.getRequestMethod() + " " + type;
    }
    if (!SCOPE.matcher(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"))).find()) {
      return action + ": not SigV4-signed for rds with the test credentials";
    }
    if (!"2014-10-31".equals(params.get("Version"))) {
      return action + ": Version " + params.get("Version");
    }
    Set<String> required = REQUIRED.get(action);
    if (required == null) {
      return "unexpected action " + action;
    }
    Set<String> keys = new HashSet<>(params.keySet());
    keys.removeAll(Set.of("Action", "Version"));
    Set<String> allowed = new HashSet<>(required);
    allowed.addAll(OPTIONAL.getOrDefault(action, Set.of()));
    if (!keys.containsAll(required) || !allowed.containsAll(keys)) {
      return action + ": parameters " + keys + ", expected " + required + " plus optional "
          + OPTIONAL.getOrDefault(action, Set.of());
    }
    return null;
  }

  private static Map<String, String> form(String body) {
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      if (!pair.isEmpty()) {
        int eq = pair.indexOf('=');
        String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        params.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return params;
  }

  private static void reply(HttpExchange exchange, int status, String xml) throws IOException {
    byte[] body = xml.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/xml");
    exchange.getResponseHeaders().set("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
