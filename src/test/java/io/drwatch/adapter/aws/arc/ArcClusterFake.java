package io.drwatch.adapter.aws.arc;

import io.drwatch.adapter.aws.AwsJsonFake;
import io.drwatch.adapter.aws.AwsJsonFake.Reply;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A Route 53 ARC cluster data plane (JSON 1.0, {@code ToggleCustomerAPI.*}): moto has no
 * route53-recovery-cluster backend. Several loopback endpoints share one set of routing control
 * states, as a cluster's five Regional endpoints do; each can be faulted on its own, and
 * {@link #deadEndpoint()} gives a port nobody listens on. GetRoutingControlState and
 * UpdateRoutingControlState are implemented with the real shapes and error codes
 * (ResourceNotFoundException 404, ThrottlingException 429, EndpointTemporarilyUnavailableException
 * 503). After an update, {@link #staleReads} reads still see the old state (replication inside the
 * cluster), so a read-back has something to wait for.
 */
final class ArcClusterFake implements AutoCloseable {
  static final String ACCOUNT = "123456789012";

  final List<AwsJsonFake> endpoints = new ArrayList<>();
  final Map<String, String> states = new ConcurrentHashMap<>();
  final Map<String, String> previous = new ConcurrentHashMap<>();
  final AtomicInteger staleLeft = new AtomicInteger();
  volatile int staleReads = 1;

  ArcClusterFake(Vertx vertx, int size) throws Exception {
    Map<String, Function<JsonObject, Reply>> ops = Map.of(
        "GetRoutingControlState", this::get, "UpdateRoutingControlState", this::update);
    for (int i = 0; i < size; i++) {
      endpoints.add(new AwsJsonFake(vertx, "1.0", "ToggleCustomerAPI", ops));
    }
  }

  static String control(String name) {
    return "arn:aws:route53-recovery-control::" + ACCOUNT + ":controlpanel/abcdef0123/routingcontrol/" + name;
  }

  /**
   * A loopback URL that refuses connections: an endpoint down for maintenance. The port is below
   * the ephemeral range (32768+), so no outgoing connection can be handed it meanwhile.
   */
  static URI deadEndpoint() throws Exception {
    for (int port = 20000 + ThreadLocalRandom.current().nextInt(10000); ; port++) {
      try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort());
      } catch (java.io.IOException inUse) {
        // try the next one
      }
    }
  }

  private Reply get(JsonObject req) {
    if (!req.fieldNames().equals(Set.of("RoutingControlArn"))) {
      return Reply.error(400, "ValidationException", "test fake: unexpected fields " + req.fieldNames());
    }
    String arn = req.getString("RoutingControlArn");
    String state = states.get(arn);
    if (state == null) {
      return notFound(arn);
    }
    if (previous.containsKey(arn) && staleLeft.getAndDecrement() > 0) {
      state = previous.get(arn);
    }
    return Reply.ok(new JsonObject().put("RoutingControlArn", arn).put("RoutingControlState", state)
        .put("RoutingControlName", arn.substring(arn.lastIndexOf('/') + 1)));
  }

  private Reply update(JsonObject req) {
    if (!req.fieldNames().equals(Set.of("RoutingControlArn", "RoutingControlState"))) {
      return Reply.error(400, "ValidationException", "test fake: unexpected fields " + req.fieldNames());
    }
    String arn = req.getString("RoutingControlArn");
    String state = req.getString("RoutingControlState");
    if (!state.equals("On") && !state.equals("Off")) {
      return Reply.error(400, "ValidationException", "RoutingControlState must be On or Off");
    }
    String old = states.get(arn);
    if (old == null) {
      return notFound(arn);
    }
    states.put(arn, state);
    previous.put(arn, old);
    staleLeft.set(staleReads);
    return Reply.ok(new JsonObject());
  }

  private static Reply notFound(String arn) {
    Reply r = Reply.error(404, "ResourceNotFoundException", "Routing control " + arn + " not found");
    r.body().put("resourceId", arn).put("resourceType", "RoutingControl");
    return r;
  }

  /** Operations seen per endpoint, e.g. {@code [[], [Get], [Update, Get]]}. */
  List<List<String>> operations() {
    return endpoints.stream().map(AwsJsonFake::operations).toList();
  }

  void reset() {
    endpoints.forEach(e -> {
      e.calls.clear();
      e.faults.clear();
      e.always = null;
    });
    staleReads = 1;
  }

  @Override
  public void close() throws Exception {
    for (AwsJsonFake e : endpoints) {
      e.close();
    }
  }
}
