package io.drwatch.adapter.aws.rds;

import software.amazon.awssdk.services.rds.RdsAsyncClient;
import io.drwatch.adapter.aws.StepClients;
import static io.drwatch.adapter.aws.rds.RdsTestSupport.onContext;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drwatch.adapter.aws.AwsClients;
import io.drwatch.adapter.aws.AwsSettings;
import io.drwatch.adapter.aws.rds.RdsQueryFake.GlobalStage;
import io.drwatch.port.FailoverAction.Step;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** aurora-global-failover against {@link RdsQueryFake} (moto answers NotImplemented to failover and switchover). */
class AuroraGlobalFailoverActionTest {
  private static final String REGION = "us-west-2";
  private static final String PRIMARY = "arn:aws:rds:us-east-1:123456789012:cluster:orders-east";
  private static final String SECONDARY = "arn:aws:rds:us-west-2:123456789012:cluster:orders-west";

  private static Vertx vertx;
  private static AwsClients aws;
  private static AwsClients impatient;
  private static AuroraGlobalFailoverAction action;
  private static AuroraGlobalFailoverAction impatientAction;
  private RdsQueryFake fake;

  @BeforeAll
  static void start() throws Exception {
    vertx = TestVertx.create();
    aws = RdsTestSupport.clients(AwsSettings.DEFAULT);
    impatient = RdsTestSupport.clients(RdsTestSupport.SHORT);
    action = new AuroraGlobalFailoverAction(vertx, StepClients.built(() -> aws, RdsAsyncClient::builder));
    impatientAction = new AuroraGlobalFailoverAction(vertx, StepClients.built(() -> impatient, RdsAsyncClient::builder));
    warmUpTheJvm();
  }

  /** As in RdsPromoteActionTest: class loading of a cold JVM, before the blocked-thread check counts. */
  private static void warmUpTheJvm() throws Exception {
    try (RdsQueryFake warm = RdsQueryFake.start()) {
      warm.state().globalCluster("warm", PRIMARY, SECONDARY);
      warm.fail("FailoverGlobalCluster", 1, 400, "Throttling");
      Step step = RdsTestSupport.step("warm", false, REGION, warm.endpoint(), Map.of("globalCluster", "warm",
          "targetCluster", SECONDARY, "pollMillis", "1"));
      onContext(vertx, () -> action.check(step));
      onContext(vertx, () -> action.apply(step));
      onContext(vertx, () -> action.await(step));
      onContext(vertx, () -> action.check(RdsTestSupport.step("warm", false, REGION, warm.endpoint(),
          Map.of("globalCluster", "none", "targetCluster", SECONDARY))).otherwiseEmpty());
    }
  }

  @AfterAll
  static void stop() throws Exception {
    action.close();
    impatientAction.close();
    aws.close();
    impatient.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @BeforeEach
  void fake() throws Exception {
    fake = RdsQueryFake.start();
    fake.state().globalCluster("orders", PRIMARY, SECONDARY);
  }

  @AfterEach
  void noWireProblems() {
    fake.close();
    assertThat(fake.problems()).as("requests the fake found malformed").isEmpty();
  }

  private Step step(boolean drill, Map<String, String> extra) {
    Map<String, String> params = new HashMap<>(Map.of("globalCluster", "orders", "targetCluster", SECONDARY,
        "pollMillis", "10"));
    params.putAll(extra);
    return RdsTestSupport.step("fail-over-orders", drill, REGION, fake.endpoint(), params);
  }

  @Test
  void shouldSkipWhenTheTargetIsAlreadyTheWriter() throws Exception {
    assertThat(onContext(vertx, () -> action.check(step(false, Map.of("targetCluster", PRIMARY))))).isTrue();
    assertThat(onContext(vertx, () -> action.check(step(false, Map.of())))).as("a secondary").isFalse();
    RdsQueryFake.Request first = fake.requests("DescribeGlobalClusters").get(0);
    assertThat(first.params()).isEqualTo(Map.of("Action", "DescribeGlobalClusters", "Version", "2014-10-31",
        "GlobalClusterIdentifier", "orders"));
    assertThat(first.region()).isEqualTo(REGION);
  }

  @Test
  void shouldFailOverWithDataLossAndAwaitTheNewWriter() throws Exception {
    Step step = step(false, Map.of());
    assertThat(onContext(vertx, () -> action.check(step))).isFalse();
    onContext(vertx, () -> action.apply(step));
    assertThat(fake.requests("FailoverGlobalCluster")).singleElement().extracting(RdsQueryFake.Request::params)
        .isEqualTo(Map.of("Action", "FailoverGlobalCluster", "Version", "2014-10-31", "GlobalClusterIdentifier",
            "orders", "TargetDbClusterIdentifier", SECONDARY, "AllowDataLoss", "true"));
    assertThat(fake.requests("SwitchoverGlobalCluster")).isEmpty();
    assertThat(onContext(vertx, () -> action.check(step))).as("failing over, not done").isFalse();

    onContext(vertx, () -> action.await(step));

    assertThat(fake.state().writer("orders")).isEqualTo(SECONDARY);
    // the check above saw "pending"; await walked failing-over (writer not yet, then already) to available.
    assertThat(fake.requests("DescribeGlobalClusters")).hasSize(1 + RdsQueryFake.FAILOVER.size());
    assertThat(onContext(vertx, () -> action.check(step))).isTrue();
  }

  @Test
  void shouldSwitchOverInADrill() throws Exception {
    Step drill = step(true, Map.of());
    onContext(vertx, () -> action.apply(drill));
    onContext(vertx, () -> action.await(drill));
    assertThat(fake.requests("SwitchoverGlobalCluster")).singleElement().satisfies(r -> {
      assertThat(r.params()).isEqualTo(Map.of("Action", "SwitchoverGlobalCluster", "Version", "2014-10-31",
          "GlobalClusterIdentifier", "orders", "TargetDbClusterIdentifier", SECONDARY));
      assertThat(r.region()).as("called in the primary's region, where AWS says to").isEqualTo("us-east-1");
    });
    assertThat(fake.requests("DescribeGlobalClusters")).allSatisfy(r -> assertThat(r.region()).isEqualTo(REGION));
    assertThat(fake.requests("FailoverGlobalCluster")).isEmpty();
    assertThat(fake.state().writer("orders")).isEqualTo(SECONDARY);
  }

  @Test
  void shouldSwitchOverWhereTheStepSaysWhenItNamesARegion() throws Exception {
    Step drill = step(true, Map.of("switchoverRegion", "eu-central-1"));
    onContext(vertx, () -> action.apply(drill));
    assertThat(fake.requests("SwitchoverGlobalCluster")).singleElement()
        .satisfies(r -> assertThat(r.region()).isEqualTo("eu-central-1"));
    assertThat(fake.requests("DescribeGlobalClusters")).as("no need to look the writer up").isEmpty();
  }

  @Test
  void shouldSendAllowDataLossFalseWhenAsked() throws Exception {
    onContext(vertx, () -> action.apply(step(false, Map.of("allowDataLoss", "FALSE"))));
    assertThat(fake.requests("FailoverGlobalCluster").get(0).params()).containsEntry("AllowDataLoss", "false");
  }

  @Test
  void shouldFailAtOnceWhenTheGlobalClusterDoesNotExist() {
    assertThatThrownBy(() -> onContext(vertx, () -> action.apply(step(false, Map.of("globalCluster", "nope")))))
        .hasMessage("step fail-over-orders: aurora-global-failover nope to " + SECONDARY + ": rds FailoverGlobalCluster "
            + "failed: GlobalClusterNotFoundFault (HTTP 404): Global cluster nope not found.");
    assertThat(fake.requests("FailoverGlobalCluster")).hasSize(1);
  }

  @Test
  void shouldFailCheckWhenTheTargetIsNotAMember() {
    String other = "arn:aws:rds:eu-west-1:123456789012:cluster:orders-eu";
    assertThatThrownBy(() -> onContext(vertx, () -> action.check(step(false, Map.of("targetCluster", other)))))
        .hasMessage("step fail-over-orders: aurora-global-failover orders to " + other
            + ": not a member of the global cluster (members: [" + PRIMARY + ", " + SECONDARY + "])");
  }

  @Test
  void shouldFailAwaitWhenTheFailoverIsCancelled() throws Exception {
    fake.state().failoverWalk(List.of(new GlobalStage("failing-over", "pending", false),
        new GlobalStage("available", "cancelling", false), new GlobalStage("available", null, false)));
    Step step = step(false, Map.of());
    onContext(vertx, () -> action.apply(step));
    assertThatThrownBy(() -> onContext(vertx, () -> action.await(step)))
        .hasMessage("step fail-over-orders: aurora-global-failover orders to " + SECONDARY
            + ": the failover ended without the target becoming writer (status available, writer " + PRIMARY
            + "); see RDS events 0186/0187/0239");
  }

  @Test
  void shouldCountAFailoverToTheSameTargetAlreadyUnderWayAsApplied() throws Exception {
    Step step = step(false, Map.of());
    onContext(vertx, () -> action.apply(step));
    onContext(vertx, () -> action.apply(step)); // InvalidGlobalClusterStateFault: busy with our failover
    assertThat(fake.requests("FailoverGlobalCluster")).hasSize(2);
    onContext(vertx, () -> action.await(step));
    assertThat(fake.state().writer("orders")).isEqualTo(SECONDARY);
  }

  @Test
  void shouldRetryThrottlingThenFailOver() throws Exception {
    fake.fail("FailoverGlobalCluster", 2, 400, "Throttling");
    fake.fail("DescribeGlobalClusters", 1, 400, "Throttling");
    Step step = step(false, Map.of());
    onContext(vertx, () -> action.apply(step));
    onContext(vertx, () -> action.await(step));
    assertThat(fake.requests("FailoverGlobalCluster")).hasSize(3);
    assertThat(fake.state().writer("orders")).isEqualTo(SECONDARY);
  }

  @Test
  void shouldFailAwaitAfterBoundedAttemptsWhenRdsKeepsFailing() throws Exception {
    Step step = step(false, Map.of());
    onContext(vertx, () -> action.apply(step));
    fake.fail("DescribeGlobalClusters", 10, 503, "ServiceUnavailable");
    assertThatThrownBy(() -> onContext(vertx, () -> action.await(step)))
        .hasMessage("step fail-over-orders: aurora-global-failover orders to " + SECONDARY + ": rds "
            + "DescribeGlobalClusters failed after 4 attempts: ServiceUnavailable (HTTP 503): injected ServiceUnavailable");
    assertThat(fake.requests("DescribeGlobalClusters")).hasSize(4);
  }

  @Test
  void shouldRetryASlowFailoverCallAndStillApplyOnce() throws Exception {
    // The first call times out client-side but RDS acts on it later; the retry finds the failover
    // under way (InvalidGlobalClusterStateFault) or starts it: either way one failover to the target.
    fake.slow("FailoverGlobalCluster", 1, 1500);
    fake.slow("DescribeGlobalClusters", 1, 1500);
    Step step = step(false, Map.of());
    onContext(vertx, () -> impatientAction.apply(step));
    onContext(vertx, () -> impatientAction.await(step));
    assertThat(fake.state().writer("orders")).isEqualTo(SECONDARY);
    assertThat(fake.requests("FailoverGlobalCluster")).hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void shouldRejectBadParametersNamingStepKeyAndValue() {
    assertThatThrownBy(() -> onContext(vertx, () -> action.apply(step(false, Map.of("allowDataLoss", "maybe")))))
        .hasMessage("step fail-over-orders: allowDataLoss must be true or false, but was \"maybe\"");
    assertThatThrownBy(() -> onContext(vertx, () -> action.await(step(false, Map.of("waitSeconds", "0")))))
        .hasMessage("step fail-over-orders: waitSeconds must be a whole number between 1 and 86400, but was \"0\"");
    assertThatThrownBy(() -> onContext(vertx, () -> action.check(step(false, Map.of("targetCluster", "")))))
        .hasMessage("step fail-over-orders: missing parameter targetCluster");
    assertThat(fake.requests("FailoverGlobalCluster")).isEmpty();
  }
}
