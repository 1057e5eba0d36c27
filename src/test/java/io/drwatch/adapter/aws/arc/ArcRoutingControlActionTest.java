package io.drwatch.adapter.aws.arc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drwatch.adapter.aws.AwsClients;
import io.drwatch.adapter.aws.AwsJsonFake;
import io.drwatch.adapter.aws.AwsJsonFake.Fault;
import io.drwatch.adapter.aws.AwsJsonFake.Reply;
import io.drwatch.adapter.aws.AwsSettings;
import io.drwatch.adapter.aws.OnContext;
import io.drwatch.port.FailoverAction.Step;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.route53recoverycluster.Route53RecoveryClusterAsyncClient;

/** arc-routing-control with the real SDK client against {@link ArcClusterFake} (moto has no ARC cluster). */
class ArcRoutingControlActionTest {
  private static final List<String> REGIONS = List.of("us-east-1", "us-west-2", "eu-west-1", "ap-northeast-1",
      "ap-southeast-2");
  private static Vertx vertx;
  private static ArcClusterFake arc;
  private static AwsClients aws;
  private static AwsClients impatient;

  @BeforeAll
  static void start() throws Exception {
    vertx = TestVertx.create();
    arc = new ArcClusterFake(vertx, 4);
    StaticCredentialsProvider testing = StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
    aws = AwsClients.create(AwsSettings.DEFAULT, testing);
    impatient = AwsClients.create(new AwsSettings(Duration.ofSeconds(2), Duration.ofSeconds(30),
        Duration.ofMillis(500), 10, 1), testing);
    // Cold JVM: the first call (and the first retry) links lambdas and loads classes for ~0.5 s on
    // this 2-core box, once; do it here, where the blocked-thread check does not count.
    String warm = ArcClusterFake.control("warm-up");
    arc.states.put(warm, "On");
    arc.endpoints.get(0).faults.add(Fault.answer(Reply.error(429, "ThrottlingException", "Rate exceeded")));
    try (ArcRoutingControlAction action = action(aws)) {
      List<URI> cluster = List.of(ArcClusterFake.deadEndpoint(), live(0));
      OnContext.run(vertx, () -> action.check(step(warm, "On", cluster)));
      OnContext.run(vertx, () -> action.apply(step(warm, "Off", cluster)));
      OnContext.run(vertx, () -> action.await(step(warm, "Off", cluster)));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    aws.close();
    impatient.close();
    arc.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @BeforeEach
  void reset() {
    arc.reset();
  }

  /** A fresh action per test: the preferred endpoint is per action instance. */
  private static ArcRoutingControlAction action(AwsClients clients) {
    return new ArcRoutingControlAction(vertx,
        endpoint -> clients.configure(Route53RecoveryClusterAsyncClient.builder(), endpoint).build(), Duration.ofMillis(20));
  }

  private static Step step(String control, String state, List<URI> endpoints, String... extra) {
    Map<String, String> params = new HashMap<>(Map.of("routingControl", control, "state", state,
        "clusterEndpoints", endpoints.stream().map(URI::toString).collect(Collectors.joining(", ")),
        "clusterRegions", String.join(",", REGIONS.subList(0, endpoints.size()))));
    for (int i = 0; i < extra.length; i += 2) {
      params.put(extra[i], extra[i + 1]);
    }
    return new Step("cut-primary", params, false);
  }

  private static URI live(int i) {
    return arc.endpoints.get(i).endpoint();
  }

  private static <T> T run(Supplier<Future<T>> call) throws Exception {
    return OnContext.run(vertx, call);
  }

  @Test
  void shouldSkipWhenTheControlIsAlreadyInTheState() throws Exception {
    String control = ArcClusterFake.control("skip");
    arc.states.put(control, "Off");
    try (ArcRoutingControlAction action = action(aws)) {
      assertThat(run(() -> action.check(step(control, "off", List.of(live(0)))))).isTrue();
      assertThat(run(() -> action.check(step(control, "On", List.of(live(0)))))).isFalse();
    }
    assertThat(arc.endpoints.get(0).calls).extracting(AwsJsonFake.Call::body)
        .containsOnly(new JsonObject().put("RoutingControlArn", control));
  }

  @Test
  void shouldRotatePastDeadAndUnavailableEndpointsThenReadBack() throws Exception {
    String control = ArcClusterFake.control("primary");
    arc.states.put(control, "On");
    arc.endpoints.get(0).always = Fault.answer(Reply.error(503, "EndpointTemporarilyUnavailableException",
        "endpoint in maintenance"));
    arc.staleReads = 2;
    List<URI> cluster = List.of(ArcClusterFake.deadEndpoint(), live(0), ArcClusterFake.deadEndpoint(), live(1), live(2));
    Step step = step(control, "Off", cluster);
    try (ArcRoutingControlAction action = action(aws)) {
      assertThat(run(() -> action.check(step))).isFalse();
      run(() -> action.apply(step));
      run(() -> action.await(step));
      assertThat(run(() -> action.check(step))).isTrue();
    }
    // dead, 503, dead, then live(1) answered and stayed the first choice for every later call.
    assertThat(arc.operations().get(0)).containsExactly("GetRoutingControlState");
    assertThat(arc.operations().get(1)).startsWith("GetRoutingControlState", "UpdateRoutingControlState",
        "GetRoutingControlState", "GetRoutingControlState", "GetRoutingControlState")
        .containsOnly("GetRoutingControlState", "UpdateRoutingControlState");
    assertThat(arc.operations().get(2)).isEmpty();
    assertThat(arc.endpoints.get(1).calls.get(1).body()).isEqualTo(
        new JsonObject().put("RoutingControlArn", control).put("RoutingControlState", "Off"));
    assertThat(arc.states).containsEntry(control, "Off");
  }

  @Test
  void shouldFailWhenEveryEndpointIsExhausted() throws Exception {
    String control = ArcClusterFake.control("doomed");
    arc.states.put(control, "On");
    arc.endpoints.get(0).always = Fault.answer(Reply.error(500, "InternalServerException", "internal error"));
    arc.endpoints.get(1).always = Fault.answer(Reply.error(503, "EndpointTemporarilyUnavailableException", "busy"));
    List<URI> cluster = List.of(live(0), ArcClusterFake.deadEndpoint(), live(1));
    try (ArcRoutingControlAction action = action(aws)) {
      assertThatThrownBy(() -> run(() -> action.apply(step(control, "Off", cluster))))
          .hasMessage("step cut-primary: route53-recovery-cluster UpdateRoutingControlState (rotating over 3 cluster "
              + "endpoints) failed after 6 attempts: EndpointTemporarilyUnavailableException (HTTP 503): busy");
    }
    assertThat(arc.endpoints.get(0).calls).hasSize(2);
    assertThat(arc.endpoints.get(1).calls).hasSize(2);
    assertThat(arc.states).containsEntry(control, "On");
  }

  @Test
  void shouldFailAtOnceOnAnUnknownRoutingControl() throws Exception {
    String control = ArcClusterFake.control("missing");
    try (ArcRoutingControlAction action = action(aws)) {
      assertThatThrownBy(() -> run(() -> action.check(step(control, "Off", List.of(live(0), live(1))))))
          .hasMessage("step cut-primary: route53-recovery-cluster GetRoutingControlState (rotating over 2 cluster "
              + "endpoints) failed: ResourceNotFoundException (HTTP 404): Routing control " + control + " not found");
    }
    assertThat(arc.operations()).containsExactly(List.of("GetRoutingControlState"), List.of(), List.of(), List.of());
  }

  @Test
  void shouldRetryThrottlingOnTheSameEndpointOfAOneEndpointList() throws Exception {
    String control = ArcClusterFake.control("throttled");
    arc.states.put(control, "Off");
    Reply throttled = Reply.error(429, "ThrottlingException", "Rate exceeded");
    arc.endpoints.get(3).faults.add(Fault.answer(throttled));
    arc.endpoints.get(3).faults.add(Fault.answer(throttled));
    try (ArcRoutingControlAction action = action(aws)) {
      run(() -> action.apply(step(control, "On", List.of(live(3)))));
    }
    assertThat(arc.operations().get(3)).hasSize(3).containsOnly("UpdateRoutingControlState");
    assertThat(arc.states).containsEntry(control, "On");
  }

  @Test
  void shouldMoveOnFromAnEndpointThatDoesNotAnswerInTime() throws Exception {
    String control = ArcClusterFake.control("slow");
    arc.states.put(control, "On");
    arc.endpoints.get(0).always = Fault.stall(Duration.ofSeconds(2));
    try (ArcRoutingControlAction action = action(impatient)) {
      assertThat(run(() -> action.check(step(control, "On", List.of(live(0), live(1)))))).isTrue();
      assertThat(arc.operations().get(1)).containsExactly("GetRoutingControlState");

      arc.endpoints.get(1).always = Fault.stall(Duration.ofSeconds(2));
      long start = System.nanoTime();
      assertThatThrownBy(() -> run(() -> action.check(step(control, "On", List.of(live(0), live(1))))))
          .hasMessageStartingWith("step cut-primary: route53-recovery-cluster GetRoutingControlState (rotating over 2 "
              + "cluster endpoints) failed after 4 attempts: ApiCallTimeoutException");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }
  }

  @Test
  void shouldGiveUpWaitingForAStateThatNeverShows() throws Exception {
    String control = ArcClusterFake.control("lagging");
    arc.states.put(control, "On");
    arc.staleReads = Integer.MAX_VALUE;
    Step step = step(control, "Off", List.of(live(0)), "waitSeconds", "1");
    try (ArcRoutingControlAction action = action(aws)) {
      run(() -> action.apply(step));
      assertThatThrownBy(() -> run(() -> action.await(step)))
          .hasMessage("step cut-primary: routing control " + control + " to Off: still On after 1s");
    }
  }

  @Test
  void shouldNameTheStepKeyAndValueOfABadParameter() throws Exception {
    String control = ArcClusterFake.control("x");
    try (ArcRoutingControlAction action = action(aws)) {
      assertThatThrownBy(() -> run(() -> action.apply(step(control, "maybe", List.of(live(0))))))
          .hasMessage("step cut-primary: state must be On or Off, but was \"maybe\"");
      Step mismatched = new Step("cut-primary", Map.of("routingControl", control, "state", "Off",
          "clusterEndpoints", live(0) + "," + live(1), "clusterRegions", "us-east-1"), false);
      assertThatThrownBy(() -> run(() -> action.apply(mismatched)))
          .hasMessage("step cut-primary: clusterEndpoints has 2 entries but clusterRegions has 1; they pair up in order");
      Step notUrl = new Step("cut-primary", Map.of("routingControl", control, "state", "Off",
          "clusterEndpoints", "host-without-scheme", "clusterRegions", "us-east-1"), false);
      assertThatThrownBy(() -> run(() -> action.apply(notUrl)))
          .hasMessage("step cut-primary: clusterEndpoints entry is not an http(s) URL: \"host-without-scheme\"");
      assertThatThrownBy(() -> run(() -> action.apply(step("rc-1", "Off", List.of(live(0))))))
          .hasMessage("step cut-primary: routingControl must be a routing control ARN, but was \"rc-1\"");
    }
    assertThat(arc.operations()).allSatisfy(ops -> assertThat(ops).isEmpty());
  }
}
