package io.drwatch.adapter.aws.rds;

import static io.drwatch.adapter.aws.rds.RdsTestSupport.onContext;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drwatch.adapter.aws.AwsClients;
import io.drwatch.adapter.aws.AwsEndpoint;
import io.drwatch.adapter.aws.AwsSettings;
import io.drwatch.adapter.aws.StepClients;
import io.drwatch.domain.CodedFailure;
import io.drwatch.domain.FailureCode;
import io.drwatch.port.FailoverAction.Step;
import io.drwatch.testkit.MotoServer;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.RdsAsyncClient;
import software.amazon.awssdk.services.rds.model.DBInstance;

/**
 * rds-create-replica against a real moto server, as re-protection after a failover to us-west-2:
 * the promoted instance there gets a new replica back in us-east-1, by its ARN (cross-region).
 */
class RdsCreateReplicaMotoTest {
  private static final String SOURCE_ARN = "arn:aws:rds:us-west-2:123456789012:db:orders-new";

  private static Vertx vertx;
  private static MotoServer moto;
  private static AwsClients aws;
  private static RdsCreateReplicaAction action;

  @BeforeAll
  static void start() throws Exception {
    vertx = TestVertx.create();
    moto = MotoServer.start();
    aws = RdsTestSupport.clients(AwsSettings.DEFAULT);
    try (RdsAsyncClient west = rds("us-west-2"); RdsAsyncClient east = rds("us-east-1")) {
      west.createDBInstance(r -> r.dbInstanceIdentifier("orders-new").engine("postgres")
          .dbInstanceClass("db.t3.micro").allocatedStorage(20).masterUsername("drwatch")
          .masterUserPassword("not-a-secret-1")).get(20, TimeUnit.SECONDS);
      east.createDBInstance(r -> r.dbInstanceIdentifier("orders-taken").engine("postgres")
          .dbInstanceClass("db.t3.micro").allocatedStorage(20).masterUsername("drwatch")
          .masterUserPassword("not-a-secret-1")).get(20, TimeUnit.SECONDS);
    }
    action = new RdsCreateReplicaAction(vertx, StepClients.built(() -> aws, RdsAsyncClient::builder));
    // Load the SDK's classes of a cold JVM before the blocked-thread check counts.
    onContext(vertx, () -> action.check(step("orders-warmup", Map.of())));
  }

  @AfterAll
  static void stop() throws Exception {
    if (action != null) {
      action.close();
    }
    if (aws != null) {
      aws.close();
    }
    if (moto != null) {
      moto.close();
    }
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private static RdsAsyncClient rds(String region) {
    return aws.configure(RdsAsyncClient.builder(), new AwsEndpoint(region, Optional.of(moto.endpoint()))).build();
  }

  private static Step step(String instance, Map<String, String> more) {
    Map<String, String> params = new HashMap<>(Map.of("instance", instance, "source", SOURCE_ARN, "pollMillis", "50",
        "waitSeconds", "20"));
    params.putAll(more);
    return RdsTestSupport.step("reprotect-db", false, "us-east-1", moto.endpoint(), params);
  }

  private static DBInstance describe(String region, String id) throws Exception {
    try (RdsAsyncClient client = rds(region)) {
      return client.describeDBInstances(r -> r.dbInstanceIdentifier(id)).get(20, TimeUnit.SECONDS).dbInstances().get(0);
    }
  }

  @Test
  void shouldCreateTheCrossRegionReplicaAwaitItAndThenSkipIt() throws Exception {
    Step step = step("orders-dr", Map.of("instanceClass", "db.t3.small"));
    assertThat(onContext(vertx, () -> action.check(step))).as("absent").isFalse();
    long start = System.nanoTime();
    onContext(vertx, () -> action.apply(step));
    onContext(vertx, () -> action.await(step));
    System.out.printf("rds-create-replica on moto: apply+await %d ms%n", (System.nanoTime() - start) / 1_000_000);

    DBInstance replica = describe("us-east-1", "orders-dr");
    assertThat(replica.readReplicaSourceDBInstanceIdentifier()).isEqualTo(SOURCE_ARN);
    assertThat(replica.dbInstanceStatus()).isEqualTo("available");
    assertThat(replica.dbInstanceClass()).isEqualTo("db.t3.small");
    assertThat(onContext(vertx, () -> action.check(step))).as("created").isTrue();

    // A retry after a crash: the replica exists, nothing new is created, and it verifies.
    onContext(vertx, () -> action.apply(step));
    onContext(vertx, () -> action.await(step));
    assertThat(describe("us-west-2", "orders-new").readReplicaDBInstanceIdentifiers()).hasSize(1);
  }

  @Test
  void shouldRefuseAnInstanceOfThatNameThatIsNoReplicaOfTheSource() {
    assertThatThrownBy(() -> onContext(vertx, () -> action.check(step("orders-taken", Map.of()))))
        .isInstanceOf(CodedFailure.class)
        .satisfies(e -> assertThat(((CodedFailure) e).code()).isEqualTo(FailureCode.REJECTED))
        .hasMessage("step reprotect-db: rds-create-replica orders-taken: the instance exists and is not a replica,"
            + " not of " + SOURCE_ARN + " (status available)");
  }

  @Test
  void shouldRefuseAnInstanceIdForASourceInAnotherRegion() {
    assertThatThrownBy(() -> onContext(vertx, () -> action.apply(step("orders-dr2",
        Map.of("source", "orders-new", "sourceRegion", "us-west-2")))))
        .hasMessage("step reprotect-db: source: must be the source's ARN when sourceRegion is another region than"
            + " region for rds-create-replica");
  }
}
