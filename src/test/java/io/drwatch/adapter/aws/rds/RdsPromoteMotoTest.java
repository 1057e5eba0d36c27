package io.drwatch.adapter.aws.rds;

import io.drwatch.adapter.aws.StepClients;
import static io.drwatch.adapter.aws.rds.RdsTestSupport.onContext;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drwatch.adapter.aws.AwsClients;
import io.drwatch.adapter.aws.AwsEndpoint;
import io.drwatch.adapter.aws.AwsSettings;
import io.drwatch.port.FailoverAction.Step;
import io.drwatch.testkit.MotoServer;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.RdsAsyncClient;
import software.amazon.awssdk.services.rds.model.DBInstance;

/**
 * rds-promote against a real moto server: a primary in us-east-1 and its cross-region read
 * replica in us-west-2 (by ARN, as for a DR replica). moto's PromoteReadReplica answers 200 but
 * does not change the instance (it still lists its source), so this test proves the wire calls
 * (check, apply, not-found) against the real protocol; the state walk is RdsPromoteActionTest's.
 */
class RdsPromoteMotoTest {
  private static final String PRIMARY_ARN = "arn:aws:rds:us-east-1:123456789012:db:orders-primary";

  private static Vertx vertx;
  private static MotoServer moto;
  private static AwsClients aws;
  private static RdsPromoteAction action;

  @BeforeAll
  static void start() throws Exception {
    vertx = TestVertx.create();
    moto = MotoServer.start();
    aws = RdsTestSupport.clients(AwsSettings.DEFAULT);
    try (RdsAsyncClient east = rds("us-east-1"); RdsAsyncClient west = rds("us-west-2")) {
      east.createDBInstance(r -> r.dbInstanceIdentifier("orders-primary").engine("postgres")
          .dbInstanceClass("db.t3.micro").allocatedStorage(20).masterUsername("drwatch")
          .masterUserPassword("not-a-secret-1")).get(20, TimeUnit.SECONDS);
      west.createDBInstanceReadReplica(r -> r.dbInstanceIdentifier("orders-replica")
          .sourceDBInstanceIdentifier(PRIMARY_ARN).dbInstanceClass("db.t3.micro")).get(20, TimeUnit.SECONDS);
    }
    action = new RdsPromoteAction(vertx, StepClients.built(() -> aws, RdsAsyncClient::builder));
    // As in RdsPromoteActionTest: load classes of a cold JVM before the blocked-thread check counts.
    onContext(vertx, () -> action.check(step("us-east-1", "orders-primary")));
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

  private static Step step(String region, String instance) {
    return RdsTestSupport.step("promote-db", false, region, moto.endpoint(), Map.of("instance", instance));
  }

  private static DBInstance describe(String region, String id) throws Exception {
    try (RdsAsyncClient client = rds(region)) {
      return client.describeDBInstances(r -> r.dbInstanceIdentifier(id)).get(20, TimeUnit.SECONDS).dbInstances().get(0);
    }
  }

  @Test
  void shouldNotSkipTheReplicaButSkipAStandaloneInstance() throws Exception {
    assertThat(describe("us-west-2", "orders-replica").readReplicaSourceDBInstanceIdentifier()).isEqualTo(PRIMARY_ARN);
    assertThat(onContext(vertx, () -> action.check(step("us-west-2", "orders-replica")))).isFalse();
    assertThat(onContext(vertx, () -> action.check(step("us-east-1", "orders-primary")))).isTrue();
  }

  @Test
  void shouldHaveMotoAcceptThePromotion() throws Exception {
    onContext(vertx, () -> action.apply(step("us-west-2", "orders-replica")));
    // moto answers 200 but does not promote: the instance still names its source, so check stays
    // false and await would poll until waitSeconds. The walk to available is RdsQueryFake's.
    assertThat(describe("us-west-2", "orders-replica").readReplicaSourceDBInstanceIdentifier()).isEqualTo(PRIMARY_ARN);
    assertThat(onContext(vertx, () -> action.check(step("us-west-2", "orders-replica")))).isFalse();
  }

  /**
   * Through check: moto's PromoteReadReplica of an unknown instance crashes (a bare HTTP 500, which
   * Retry rightly retries), where RDS answers DBInstanceNotFound; its DescribeDBInstances does not.
   */
  @Test
  void shouldFailAtOnceWhenMotoDoesNotKnowTheInstance() {
    assertThatThrownBy(() -> onContext(vertx, () -> action.check(step("us-west-2", "no-such-db"))))
        .hasMessageStartingWith("step promote-db: rds-promote no-such-db: rds DescribeDBInstances failed: "
            + "DBInstanceNotFound (HTTP 404)");
  }
}
