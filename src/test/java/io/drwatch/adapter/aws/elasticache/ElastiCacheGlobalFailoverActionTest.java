package io.drwatch.adapter.aws.elasticache;

import software.amazon.awssdk.services.elasticache.ElastiCacheAsyncClient;
import io.drwatch.adapter.aws.StepClients;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drwatch.adapter.aws.AwsClients;
import io.drwatch.adapter.aws.AwsSettings;
import io.drwatch.adapter.aws.LoopbackAwsFake.Request;
import io.drwatch.adapter.aws.OnContext;
import io.drwatch.adapter.aws.elasticache.FakeElastiCache.Member;
import io.drwatch.port.FailoverAction.Step;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** elasticache-global-failover with the real SDK client against {@link FakeElastiCache} (moto lacks Global Datastore). */
class ElastiCacheGlobalFailoverActionTest {
  private static final String GDS = "ldgnf-sessions";
  private static final Predicate<Request> FAILOVER =
      r -> "FailoverGlobalReplicationGroup".equals(r.form().get("Action"));

  private static Vertx vertx;
  private static AwsClients aws;
  private static AwsClients impatient;
  private FakeElastiCache fake;
  private ElastiCacheGlobalFailoverAction action;

  @BeforeAll
  static void start() throws Exception {
    vertx = TestVertx.create();
    aws = OnContext.clients(AwsSettings.DEFAULT);
    impatient = OnContext.clients(new AwsSettings(Duration.ofSeconds(1), Duration.ofSeconds(5),
        Duration.ofMillis(500), 10, 1));
    warmUp();
  }

  /**
   * One throttled call before the tests: on a cold JVM (and a loaded 2-core machine) the first
   * failure's classification and log line load classes on the event loop. Warnings here are not
   * counted (the blocked-thread check starts per test), like ClassWarmup does for the daemon.
   */
  private static void warmUp() throws Exception {
    try (FakeElastiCache fake = new FakeElastiCache(); ElastiCacheGlobalFailoverAction warm = new ElastiCacheGlobalFailoverAction(vertx, StepClients.built(() -> aws, ElastiCacheAsyncClient::builder))) {
      fake.addGroup("g", new Member("m", "r", "SECONDARY"), new Member("p", "q", "PRIMARY"));
      fake.failNext(1, FakeElastiCache.error(400, "Throttling", "Rate exceeded"));
      fake.failNext(1, FAILOVER, FakeElastiCache.error(400, "Throttling", "Rate exceeded"));
      OnContext.run(vertx, () -> warm.apply(new Step("warm", Map.of("region", "us-east-1",
          "endpointOverride", fake.endpoint().toString(), "globalReplicationGroup", "g", "primaryRegion", "r",
          "primaryReplicationGroup", "m"), false)));
    } catch (Exception expected) {
      // the warm-up's outcome does not matter
    }
  }

  @AfterAll
  static void stop() throws Exception {
    aws.close();
    impatient.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @BeforeEach
  void fake() throws Exception {
    fake = new FakeElastiCache();
    fake.addGroup(GDS, new Member("sessions-east", "us-east-1", "PRIMARY"),
        new Member("sessions-west", "us-west-2", "SECONDARY"));
    action = new ElastiCacheGlobalFailoverAction(vertx, StepClients.built(() -> aws, ElastiCacheAsyncClient::builder));
  }

  @AfterEach
  void close() {
    action.close();
    fake.close();
  }

  private Step step(Map<String, String> extra) {
    Map<String, String> params = new HashMap<>(Map.of("globalReplicationGroup", GDS, "primaryRegion", "us-west-2",
        "primaryReplicationGroup", "sessions-west", "region", "us-west-2",
        "endpointOverride", fake.endpoint().toString(), "pollMillis", "20"));
    params.putAll(extra);
    return new Step("cache", params, false);
  }

  private List<Request> calls(String action) {
    return fake.requests().stream().filter(r -> action.equals(r.form().get("Action"))).toList();
  }

  @Test
  void shouldFailOverAndWaitUntilTheNewPrimaryIsAvailable() throws Exception {
    Step step = step(Map.of());
    assertThat(OnContext.run(vertx, () -> action.check(step))).isFalse();
    OnContext.run(vertx, () -> action.apply(step));
    assertThat(fake.status(GDS)).isEqualTo("modifying");
    OnContext.run(vertx, () -> action.await(step));

    assertThat(fake.status(GDS)).as("await ended only once the datastore settled").isEqualTo("available");
    assertThat(calls("FailoverGlobalReplicationGroup")).singleElement().satisfies(r -> {
      assertThat(r.form()).containsExactlyInAnyOrderEntriesOf(Map.of("Action", "FailoverGlobalReplicationGroup",
          "Version", "2015-02-02", "GlobalReplicationGroupId", GDS, "PrimaryRegion", "us-west-2",
          "PrimaryReplicationGroupId", "sessions-west"));
      assertThat(r.region()).isEqualTo("us-west-2");
      assertThat(r.service()).isEqualTo("elasticache");
    });
    assertThat(calls("DescribeGlobalReplicationGroups"))
        .as("check, apply's look, then modifying/old roles, modifying/new roles, available")
        .hasSize(5)
        .allSatisfy(r -> assertThat(r.form()).containsEntry("ShowMemberInfo", "true"));
    assertThat(OnContext.run(vertx, () -> action.check(step))).as("a second run skips the step").isTrue();
  }

  @Test
  void shouldNotFailOverAgainOnceTheRolesSwitched() throws Exception {
    Step step = step(Map.of());
    OnContext.run(vertx, () -> action.apply(step));
    OnContext.run(vertx, () -> action.check(step)); // modifying, old roles
    assertThat(OnContext.run(vertx, () -> action.check(step))).as("roles switched, still modifying").isFalse();
    OnContext.run(vertx, () -> action.apply(step)); // the pipeline retrying after a crash mid-await
    assertThat(calls("FailoverGlobalReplicationGroup")).hasSize(1);
    OnContext.run(vertx, () -> action.await(step));
    assertThat(fake.status(GDS)).isEqualTo("available");
  }

  @Test
  void shouldSkipWhenTheMemberIsAlreadyPrimary() throws Exception {
    fake.addGroup(GDS, new Member("sessions-east", "us-east-1", "SECONDARY"),
        new Member("sessions-west", "us-west-2", "PRIMARY"));
    assertThat(OnContext.run(vertx, () -> action.check(step(Map.of())))).isTrue();
    assertThat(calls("FailoverGlobalReplicationGroup")).isEmpty();
  }

  @Test
  void shouldFailAtOnceWhenTheGlobalDatastoreDoesNotExist() {
    Step step = step(Map.of("globalReplicationGroup", "no-such-gds"));
    assertThatThrownBy(() -> OnContext.run(vertx, () -> action.check(step)))
        .hasMessage("step cache: elasticache DescribeGlobalReplicationGroups no-such-gds failed: "
            + "GlobalReplicationGroupNotFoundFault (HTTP 404): GlobalReplicationGroup no-such-gds not found.");
    assertThat(fake.requests()).as("a 404 is not retried").hasSize(1);
  }

  @Test
  void shouldFailNamingTheMembersWhenTheTargetIsNotOne() {
    Step step = step(Map.of("primaryRegion", "eu-west-1"));
    assertThatThrownBy(() -> OnContext.run(vertx, () -> action.check(step)))
        .hasMessage("step cache: sessions-west (eu-west-1) is not a member of global datastore " + GDS
            + " (members: sessions-east (us-east-1), sessions-west (us-west-2))");
  }

  @Test
  void shouldRetryThrottlingThenFailOver() throws Exception {
    fake.failNext(2, FAILOVER, FakeElastiCache.error(400, "Throttling", "Rate exceeded"));
    OnContext.run(vertx, () -> action.apply(step(Map.of())));
    assertThat(calls("FailoverGlobalReplicationGroup")).hasSize(3);
    assertThat(fake.status(GDS)).isEqualTo("modifying");
  }

  @Test
  void shouldFailAfterBoundedAttemptsOnPersistent5xx() {
    fake.failNext(10, FAILOVER, FakeElastiCache.error(500, "InternalFailure", "We encountered an internal error."));
    assertThatThrownBy(() -> OnContext.run(vertx, () -> action.apply(step(Map.of()))))
        .hasMessage("step cache: elasticache FailoverGlobalReplicationGroup " + GDS + " failed after 4 attempts: "
            + "InternalFailure (HTTP 500): We encountered an internal error.");
    assertThat(calls("FailoverGlobalReplicationGroup")).hasSize(4);
  }

  @Test
  void shouldRetryASlowAnswerAndFailNamingTheTimeoutWhenItStaysSlow() throws Exception {
    try (ElastiCacheGlobalFailoverAction hurried = new ElastiCacheGlobalFailoverAction(vertx, StepClients.built(() -> impatient, ElastiCacheAsyncClient::builder))) {
      OnContext.run(vertx, () -> hurried.check(step(Map.of()))); // warm: the first call loads the SDK's classes
      fake.clearRequests();
      fake.delayNext(1, Duration.ofSeconds(2));
      assertThat(OnContext.run(vertx, () -> hurried.check(step(Map.of())))).isFalse();
      assertThat(fake.requests()).hasSize(2);

      fake.delayNext(4, Duration.ofSeconds(2));
      assertThatThrownBy(() -> OnContext.run(vertx, () -> hurried.check(step(Map.of()))))
          .hasMessageStartingWith("step cache: elasticache DescribeGlobalReplicationGroups " + GDS
              + " failed after 4 attempts: ApiCallTimeoutException");
    }
  }

  @Test
  void shouldBoundTheWaitWhenTheDatastoreNeverSettles() throws Exception {
    Step step = step(Map.of("waitSeconds", "1", "pollMillis", "100"));
    OnContext.run(vertx, () -> action.apply(step));
    fake.addGroup(GDS, new Member("sessions-east", "us-east-1", "PRIMARY"),
        new Member("sessions-west", "us-west-2", "SECONDARY")); // fresh group, no failover under way
    assertThatThrownBy(() -> OnContext.run(vertx, () -> action.await(step)))
        .hasMessage("step cache: sessions-west in global datastore " + GDS
            + ": still datastore available, member SECONDARY after 1s");
  }

  @Test
  void shouldNameTheStepKeyAndValueOfABadParameter() {
    assertThatThrownBy(() -> OnContext.run(vertx, () -> action.await(step(Map.of("pollMillis", "soon")))))
        .hasMessage("step cache: pollMillis must be a whole number between 1 and 60000, but was \"soon\"");
    assertThatThrownBy(() -> OnContext.run(vertx, () -> action.check(step(Map.of("primaryReplicationGroup", "")))))
        .hasMessage("step cache: missing parameter primaryReplicationGroup");
  }
}
