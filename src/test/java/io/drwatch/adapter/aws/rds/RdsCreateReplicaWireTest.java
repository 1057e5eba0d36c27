package io.drwatch.adapter.aws.rds;

import static io.drwatch.adapter.aws.rds.RdsTestSupport.onContext;
import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.adapter.aws.AwsClients;
import io.drwatch.adapter.aws.AwsSettings;
import io.drwatch.adapter.aws.LoopbackAwsFake;
import io.drwatch.adapter.aws.StepClients;
import io.drwatch.port.FailoverAction.Step;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.RdsAsyncClient;

/**
 * rds-create-replica's request on the wire, which moto accepts without showing: the SDK turns
 * {@code sourceRegion} into a {@code PreSignedUrl} signed for the source's region, and the optional
 * params arrive under RDS' names. Also the race where another create got there first.
 */
class RdsCreateReplicaWireTest {
  private static final String NS = "http://rds.amazonaws.com/doc/2014-10-31/";
  private static final String SOURCE_ARN = "arn:aws:rds:us-west-2:123456789012:db:orders-new";

  /** DescribeDBInstances knows the replica once {@code status} is set; a create answers as told. */
  static final class Fake extends LoopbackAwsFake {
    String status;
    boolean alreadyExists;

    Fake() throws IOException {}

    @Override
    protected synchronized Reply answer(Request r) {
      String action = r.form().getOrDefault("Action", "");
      if (action.equals("CreateDBInstanceReadReplica")) {
        if (alreadyExists) {
          status = "creating";
          return error(400, "DBInstanceAlreadyExists", "DB instance already exists");
        }
        status = "creating";
        return ok(action, instance());
      }
      if (action.equals("DescribeDBInstances")) {
        if (status == null) {
          return error(404, "DBInstanceNotFound", "DBInstance orders-dr not found.");
        }
        String now = instance();
        status = "available"; // the next read sees it done
        return ok(action, "<DBInstances>" + now + "</DBInstances>");
      }
      return error(400, "InvalidAction", action);
    }

    private String instance() {
      return "<DBInstance><DBInstanceIdentifier>orders-dr</DBInstanceIdentifier><DBInstanceStatus>" + status
          + "</DBInstanceStatus><ReadReplicaSourceDBInstanceIdentifier>" + SOURCE_ARN
          + "</ReadReplicaSourceDBInstanceIdentifier></DBInstance>";
    }

    private static Reply ok(String action, String result) {
      return new Reply(200, Map.of("Content-Type", "text/xml"), "<" + action + "Response xmlns=\"" + NS + "\"><"
          + action + "Result>" + result + "</" + action + "Result><ResponseMetadata><RequestId>f</RequestId>"
          + "</ResponseMetadata></" + action + "Response>");
    }

    private static Reply error(int status, String code, String message) {
      return new Reply(status, Map.of("Content-Type", "text/xml"), "<ErrorResponse xmlns=\"" + NS + "\"><Error>"
          + "<Type>Sender</Type><Code>" + code + "</Code><Message>" + message + "</Message></Error>"
          + "<RequestId>f</RequestId></ErrorResponse>");
    }
  }

  private static Vertx vertx;
  private static AwsClients aws;
  private Fake fake;
  private RdsCreateReplicaAction action;

  @BeforeAll
  static void start() {
    vertx = TestVertx.create();
    aws = RdsTestSupport.clients(AwsSettings.DEFAULT);
  }

  @AfterAll
  static void stop() throws Exception {
    aws.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @BeforeEach
  void fake() throws Exception {
    fake = new Fake();
    action = new RdsCreateReplicaAction(vertx, StepClients.built(() -> aws, RdsAsyncClient::builder));
    // Load the SDK's classes of a cold JVM before the blocked-thread check counts.
    onContext(vertx, () -> action.check(step(Map.of())));
    fake.clearRequests();
  }

  @AfterEach
  void close() {
    action.close();
    fake.close();
  }

  private Step step(Map<String, String> more) {
    Map<String, String> params = new HashMap<>(Map.of("instance", "orders-dr", "source", SOURCE_ARN, "pollMillis", "20",
        "waitSeconds", "10"));
    params.putAll(more);
    return RdsTestSupport.step("reprotect-db", false, "us-east-1", fake.endpoint(), params);
  }

  private List<Map<String, String>> forms(String action) {
    return fake.requests().stream().map(LoopbackAwsFake.Request::form).filter(f -> action.equals(f.get("Action")))
        .toList();
  }

  @Test
  void shouldSendAPresignedUrlForTheSourceRegionAndTheOptionsUnderRdsNames() throws Exception {
    Step step = step(Map.of("subnetGroup", "db-private", "securityGroups", "sg-1,sg-2", "kmsKeyId", "alias/dr",
        "multiAz", "true"));
    onContext(vertx, () -> action.apply(step));
    onContext(vertx, () -> action.await(step));

    assertThat(forms("CreateDBInstanceReadReplica")).singleElement().satisfies(f -> {
      assertThat(f).containsEntry("DBInstanceIdentifier", "orders-dr").containsEntry("SourceDBInstanceIdentifier",
          SOURCE_ARN).containsEntry("DBSubnetGroupName", "db-private").containsEntry("KmsKeyId", "alias/dr")
          .containsEntry("MultiAZ", "true").containsEntry("VpcSecurityGroupIds.VpcSecurityGroupId.1", "sg-1")
          .containsEntry("VpcSecurityGroupIds.VpcSecurityGroupId.2", "sg-2")
          .doesNotContainKey("SourceRegion").doesNotContainKey("DBInstanceClass");
      assertThat(f.get("PreSignedUrl")).as("signed for the source's region")
          .contains("us-west-2").contains("X-Amz-Signature").contains("Action=CreateDBInstanceReadReplica");
    });
    assertThat(fake.requests()).allSatisfy(r -> assertThat(r.region()).isEqualTo("us-east-1"));
  }

  @Test
  void shouldTakeAReplicaCreatedMeanwhileAsApplied() throws Exception {
    fake.alreadyExists = true;
    Step step = step(Map.of());
    onContext(vertx, () -> action.apply(step));
    onContext(vertx, () -> action.await(step));
    assertThat(forms("CreateDBInstanceReadReplica")).hasSize(1);
    assertThat(onContext(vertx, () -> action.check(step))).isTrue();
  }
}
