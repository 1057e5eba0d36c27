package io.drwatch.adapter.aws.elasticache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drwatch.adapter.aws.AwsClients;
import io.drwatch.adapter.aws.AwsSettings;
import io.drwatch.adapter.aws.LoopbackAwsFake.Request;
import io.drwatch.adapter.aws.OnContext;
import io.drwatch.adapter.aws.StepClients;
import io.drwatch.adapter.aws.elasticache.FakeElastiCache.Member;
import io.drwatch.domain.CodedFailure;
import io.drwatch.domain.FailureCode;
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
import software.amazon.awssdk.services.elasticache.ElastiCacheAsyncClient;

/**
 * elasticache-global-associate with the real SDK client against {@link FakeElastiCache} (moto 5.2.1
 * has no Global Datastore): after a failover to us-west-2 the lost us-east-1 secondary is replaced.
 */
class ElastiCacheGlobalAssociateActionTest {
  private static final String GDS = "ldgnf-sessions";

  private static Vertx vertx;
  private static AwsClients aws;
  private FakeElastiCache fake;
  private ElastiCacheGlobalAssociateAction action;

  @BeforeAll
  static void start() throws Exception {
    vertx = TestVertx.create();
    aws = OnContext.clients(AwsSettings.DEFAULT);
    // Load the SDK's classes of a cold JVM before the blocked-thread check counts.
    try (FakeElastiCache warm = new FakeElastiCache(); ElastiCacheGlobalAssociateAction a = action()) {
      warm.addGroup("g", new Member("p", "us-west-2", "PRIMARY"));
      OnContext.run(vertx, () -> a.check(new Step("warm", Map.of("globalReplicationGroup", "g",
          "replicationGroup", "x", "region", "us-east-1", "endpointOverride", warm.endpoint().toString()), false)));
    }
  }

  private static ElastiCacheGlobalAssociateAction action() {
    return new ElastiCacheGlobalAssociateAction(vertx, StepClients.built(() -> aws, ElastiCacheAsyncClient::builder));
  }

  @AfterAll
  static void stop() throws Exception {
    aws.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @BeforeEach
  void fake() throws Exception {
    fake = new FakeElastiCache();
    fake.addGroup(GDS, new Member("sessions-west", "us-west-2", "PRIMARY"));
    action = action();
  }

  @AfterEach
  void close() {
    action.close();
    fake.close();
  }

  private Step step(Map<String, String> extra) {
    Map<String, String> params = new HashMap<>(Map.of("globalReplicationGroup", GDS, "replicationGroup",
        "sessions-east-2", "region", "us-east-1", "endpointOverride", fake.endpoint().toString(), "pollMillis", "20",
        "subnetGroup", "cache-private", "securityGroups", "sg-1,sg-2"));
    params.putAll(extra);
    return new Step("reprotect-cache", params, false);
  }

  private List<Request> calls(String name) {
    return fake.requests().stream().filter(r -> name.equals(r.form().get("Action"))).toList();
  }

  @Test
  void shouldCreateTheSecondaryInTheDatastoreAndWaitUntilItIsAssociated() throws Exception {
    Step step = step(Map.of());
    assertThat(OnContext.run(vertx, () -> action.check(step))).isFalse();
    OnContext.run(vertx, () -> action.apply(step));
    assertThat(fake.status(GDS)).isEqualTo("modifying");
    OnContext.run(vertx, () -> action.await(step));

    assertThat(fake.status(GDS)).isEqualTo("available");
    assertThat(fake.members(GDS)).containsExactly("sessions-west@us-west-2 PRIMARY associated",
        "sessions-east-2@us-east-1 SECONDARY associated");
    assertThat(calls("CreateReplicationGroup")).singleElement().satisfies(r -> {
      assertThat(r.region()).isEqualTo("us-east-1");
      assertThat(r.form()).containsEntry("ReplicationGroupId", "sessions-east-2")
          .containsEntry("GlobalReplicationGroupId", GDS)
          .containsEntry("ReplicationGroupDescription", "drwatch re-protection")
          .containsEntry("CacheSubnetGroupName", "cache-private")
          .containsEntry("SecurityGroupIds.SecurityGroupId.1", "sg-1")
          .containsEntry("SecurityGroupIds.SecurityGroupId.2", "sg-2")
          .doesNotContainKey("NumCacheClusters");
    });
    assertThat(OnContext.run(vertx, () -> action.check(step))).as("a second run skips the step").isTrue();
  }

  @Test
  void shouldNotCreateAgainWhileTheMemberIsStillAssociating() throws Exception {
    Step step = step(Map.of());
    OnContext.run(vertx, () -> action.apply(step));
    assertThat(OnContext.run(vertx, () -> action.check(step))).as("associating").isFalse();
    OnContext.run(vertx, () -> action.apply(step)); // the pipeline retrying after a crash mid-await
    OnContext.run(vertx, () -> action.await(step));
    assertThat(calls("CreateReplicationGroup")).hasSize(1);
  }

  @Test
  void shouldRefuseWhenADisassociatedClusterHoldsTheId() {
    fake.standalone("sessions-east-2", "us-east-1");
    assertThatThrownBy(() -> OnContext.run(vertx, () -> action.apply(step(Map.of()))))
        .isInstanceOf(CodedFailure.class)
        .satisfies(e -> assertThat(((CodedFailure) e).code()).isEqualTo(FailureCode.REJECTED))
        .hasMessage("step reprotect-cache: elasticache-global-associate sessions-east-2 (us-east-1): a replication"
            + " group of that id exists and is not a member of " + GDS + " (a disassociated cluster cannot rejoin:"
            + " delete it or use another id)");
  }

  @Test
  void shouldFailAtOnceWhenTheDatastoreIsBeingDeleted() throws Exception {
    Step step = step(Map.of());
    OnContext.run(vertx, () -> action.apply(step));
    fake.groupStatus(GDS, "deleting");
    assertThatThrownBy(() -> OnContext.run(vertx, () -> action.await(step)))
        .satisfies(e -> assertThat(((CodedFailure) e).code()).isEqualTo(FailureCode.TERMINAL_STATE))
        .hasMessageEndingWith("global datastore " + GDS + " is deleting");
  }
}
