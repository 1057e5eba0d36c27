package io.drwatch.adapter.aws.rds;

import software.amazon.awssdk.services.rds.RdsAsyncClient;
import io.drwatch.adapter.aws.StepClients;
import static io.drwatch.adapter.aws.rds.RdsTestSupport.onContext;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drwatch.adapter.aws.AwsClients;
import io.drwatch.adapter.aws.AwsSettings;
import io.drwatch.adapter.aws.rds.RdsQueryFake.Stage;
import io.drwatch.port.FailoverAction.Step;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** rds-promote against {@link RdsQueryFake}: the states moto's PromoteReadReplica does not walk. */
class RdsPromoteActionTest {
  private static final String REGION = "us-west-2";
  private static final String SOURCE = "arn:aws:rds:us-east-1:123456789012:db:orders-primary";

  private static Vertx vertx;
  private static AwsClients aws;
  private static AwsClients impatient;
  private static RdsPromoteAction action;
  private static RdsPromoteAction impatientAction;
  private RdsQueryFake fake;

  @BeforeAll
  static void start() {
    vertx = TestVertx.create();
    aws = RdsTestSupport.clients(AwsSettings.DEFAULT);
    impatient = RdsTestSupport.clients(RdsTestSupport.SHORT);
    action = new RdsPromoteAction(vertx, StepClients.built(() -> aws, RdsAsyncClient::builder));
    impatientAction = new RdsPromoteAction(vertx, StepClients.built(() -> impatient, RdsAsyncClient::builder));
  }

  /**
   * Loads the SDK's, our and the JDK's classes (string concatenation, lambdas, logging) once for
   * the JVM, before the per-test blocked-thread check starts counting: the first call on a cold JVM
   * on a loaded 2-core machine spends over 100 ms loading classes on the event loop.
   */
  @BeforeAll
  static void warmUpTheJvm() throws Exception {
    try (RdsQueryFake warm = RdsQueryFake.start()) {
      warm.state().replica("warm", SOURCE);
      warm.fail("PromoteReadReplica", 1, 400, "Throttling");
      Step step = RdsTestSupport.step("warm", false, REGION, warm.endpoint(), Map.of("instance", "warm",
          "pollMillis", "1"));
      onContext(vertx, () -> action.check(step));
      onContext(vertx, () -> action.apply(step));
      onContext(vertx, () -> action.await(step));
      onContext(vertx, () -> action.check(RdsTestSupport.step("warm", false, REGION, warm.endpoint(),
          Map.of("instance", "none"))).otherwiseEmpty());
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
    fake.state().replica("orders-replica", SOURCE);
  }

  @AfterEach
  void noWireProblems() {
    fake.close();
    assertThat(fake.problems()).as("requests the fake found malformed").isEmpty();
  }

  private Step step(Map<String, String> extra) {
    Map<String, String> params = new java.util.HashMap<>(Map.of("instance", "orders-replica", "pollMillis", "10"));
    params.putAll(extra);
    return RdsTestSupport.step("promote-db", false, REGION, fake.endpoint(), params);
  }

  @Test
  void shouldSkipAnInstanceThatIsAvailableAndNoLongerAReplica() throws Exception {
    fake.state().instance("orders-standalone", "available", null);
    assertThat(onContext(vertx, () -> action.check(step(Map.of("instance", "orders-standalone"))))).isTrue();
    assertThat(onContext(vertx, () -> action.check(step(Map.of())))).as("a replica").isFalse();

    RdsQueryFake.Request first = fake.requests("DescribeDBInstances").get(0);
    assertThat(first.params()).isEqualTo(Map.of("Action", "DescribeDBInstances", "Version", "2014-10-31",
        "DBInstanceIdentifier", "orders-standalone"));
    assertThat(first.region()).as("signed for the replica's region").isEqualTo(REGION);
  }

  @Test
  void shouldPromoteAndAwaitThroughModifyingBackingUpAndRebootingUntilAvailable() throws Exception {
    Step step = step(Map.of("backupRetentionPeriod", "7"));
    assertThat(onContext(vertx, () -> action.check(step))).isFalse();
    onContext(vertx, () -> action.apply(step));
    assertThat(fake.requests("PromoteReadReplica")).singleElement().extracting(RdsQueryFake.Request::params)
        .isEqualTo(Map.of("Action", "PromoteReadReplica", "Version", "2014-10-31",
            "DBInstanceIdentifier", "orders-replica", "BackupRetentionPeriod", "7"));
    assertThat(fake.state().isReplica("orders-replica")).as("nothing changes until RDS gets to it").isTrue();

    onContext(vertx, () -> action.await(step));

    assertThat(fake.state().status("orders-replica")).isEqualTo("available");
    assertThat(fake.state().isReplica("orders-replica")).isFalse();
    // check + one describe per stage: await stopped at the first that showed the target state.
    assertThat(fake.requests("DescribeDBInstances")).hasSize(1 + RdsQueryFake.PROMOTION.size());
    assertThat(onContext(vertx, () -> action.check(step))).isTrue();
  }

  @Test
  void shouldLeaveBackupRetentionToRdsWhenNotGiven() throws Exception {
    onContext(vertx, () -> action.apply(step(Map.of())));
    assertThat(fake.requests("PromoteReadReplica").get(0).params()).doesNotContainKey("BackupRetentionPeriod");
  }

  @Test
  void shouldFailAtOnceWhenTheInstanceDoesNotExist() {
    assertThatThrownBy(() -> onContext(vertx, () -> action.check(step(Map.of("instance", "no-such-db")))))
        .hasMessage("step promote-db: rds-promote no-such-db: rds DescribeDBInstances failed: "
            + "DBInstanceNotFound (HTTP 404): DBInstance no-such-db not found.");
    assertThat(fake.requests("DescribeDBInstances")).hasSize(1);
  }

  @Test
  void shouldFailAwaitAtOnceOnAStatusThePromotionDoesNotLeave() throws Exception {
    fake.state().promotionWalk(List.of(new Stage("modifying", false), new Stage("incompatible-parameters", false),
        new Stage("available", false)));
    Step step = step(Map.of());
    onContext(vertx, () -> action.apply(step));
    assertThatThrownBy(() -> onContext(vertx, () -> action.await(step)))
        .hasMessage("step promote-db: rds-promote orders-replica: promotion failed, status incompatible-parameters");
    assertThat(fake.requests("DescribeDBInstances")).hasSize(2);
  }

  @Test
  void shouldFailAwaitWhenThePromotionOutlastsWaitSeconds() throws Exception {
    fake.state().promotionWalk(List.of(new Stage("modifying", false)));
    Step step = step(Map.of("waitSeconds", "1", "pollMillis", "100"));
    onContext(vertx, () -> action.apply(step));
    assertThatThrownBy(() -> onContext(vertx, () -> action.await(step)))
        .hasMessage("step promote-db: rds-promote orders-replica: still status modifying after 1s");
    assertThat(fake.requests("DescribeDBInstances")).hasSizeBetween(5, 12);
  }

  @Test
  void shouldRetryThrottlingThenPromote() throws Exception {
    fake.fail("PromoteReadReplica", 2, 400, "Throttling");
    onContext(vertx, () -> action.apply(step(Map.of())));
    assertThat(fake.requests("PromoteReadReplica")).hasSize(3);
    onContext(vertx, () -> action.await(step(Map.of())));
    assertThat(fake.state().isReplica("orders-replica")).isFalse();
  }

  @Test
  void shouldFailAfterBoundedAttemptsWhenRdsKeepsFailing() {
    fake.fail("DescribeDBInstances", 10, 500, "InternalFailure");
    assertThatThrownBy(() -> onContext(vertx, () -> action.check(step(Map.of()))))
        .hasMessage("step promote-db: rds-promote orders-replica: rds DescribeDBInstances failed after 4 attempts: "
            + "InternalFailure (HTTP 500): injected InternalFailure");
    assertThat(fake.requests("DescribeDBInstances")).hasSize(4);
  }

  @Test
  void shouldRetryAnAnswerThatTimesOut() throws Exception {
    fake.slow("DescribeDBInstances", 1, 1500);
    assertThat(onContext(vertx, () -> impatientAction.check(step(Map.of())))).isFalse();
    assertThat(fake.requests("DescribeDBInstances")).hasSize(2);
  }

  @Test
  void shouldFailNamingTheTimeoutWhenEveryAnswerIsTooSlow() {
    fake.slow("DescribeDBInstances", 4, 1500);
    assertThatThrownBy(() -> onContext(vertx, () -> impatientAction.check(step(Map.of()))))
        .hasMessageStartingWith("step promote-db: rds-promote orders-replica: rds DescribeDBInstances failed after "
            + "4 attempts: ApiCallTimeoutException");
  }

  @Test
  void shouldCountAPromotionAlreadyUnderWayAsApplied() throws Exception {
    // Promoted before a crash: RDS no longer lists a source and refuses a second promotion.
    fake.state().instance("orders-replica", "modifying", null);
    Step step = step(Map.of());
    assertThat(onContext(vertx, () -> action.check(step))).isFalse();
    onContext(vertx, () -> action.apply(step));
    assertThat(fake.requests("PromoteReadReplica")).hasSize(1);
  }

  @Test
  void shouldFailApplyWhileTheReplicaIsBackingUp() {
    fake.state().instance("orders-replica", "backing-up", SOURCE);
    assertThatThrownBy(() -> onContext(vertx, () -> action.apply(step(Map.of()))))
        .hasMessage("step promote-db: rds-promote orders-replica (status backing-up): rds PromoteReadReplica failed: "
            + "InvalidDBInstanceState (HTTP 400): Instance orders-replica is not in available state (backing-up).");
  }

  @Test
  void shouldRejectBadParametersNamingStepKeyAndValue() {
    assertThatThrownBy(() -> onContext(vertx, () -> action.apply(step(Map.of("backupRetentionPeriod", "36")))))
        .hasMessage("step promote-db: backupRetentionPeriod must be a whole number between 0 and 35, but was \"36\"");
    assertThatThrownBy(() -> onContext(vertx, () -> action.await(step(Map.of("pollMillis", "soon")))))
        .hasMessage("step promote-db: pollMillis must be a whole number between 1 and 60000, but was \"soon\"");
    assertThatThrownBy(() -> onContext(vertx, () -> action.check(step(Map.of("instance", " ")))))
        .hasMessage("step promote-db: missing parameter instance");
    assertThat(fake.requests("PromoteReadReplica")).isEmpty();
  }
}
