package io.drwatch.adapter.aws.efs;

import software.amazon.awssdk.services.efs.EfsAsyncClient;
import io.drwatch.adapter.aws.StepClients;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drwatch.adapter.aws.AwsClients;
import io.drwatch.adapter.aws.AwsSettings;
import io.drwatch.adapter.aws.LoopbackAwsFake.Request;
import io.drwatch.adapter.aws.OnContext;
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

/** efs-stop-replication with the real SDK client against {@link FakeEfs} (moto lacks EFS replication). */
class EfsStopReplicationActionTest {
  private static final Predicate<Request> DELETE = r -> r.method().equals("DELETE");
  private static Vertx vertx;
  private static AwsClients aws;
  private static AwsClients impatient;
  private FakeEfs fake;
  private EfsStopReplicationAction action;

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
    try (FakeEfs fake = new FakeEfs(); EfsStopReplicationAction warm = new EfsStopReplicationAction(vertx, StepClients.built(() -> aws, EfsAsyncClient::builder))) {
      fake.addReplication("fs-warm", "fs-warm-dst");
      fake.failNext(1, FakeEfs.error(429, "ThrottlingException", "Rate exceeded"));
      fake.failNext(1, DELETE, FakeEfs.error(429, "ThrottlingException", "Rate exceeded"));
      OnContext.run(vertx, () -> warm.apply(new Step("warm", Map.of("region", "us-east-1",
          "endpointOverride", fake.endpoint().toString(), "fileSystem", "fs-warm"), false)));
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
    fake = new FakeEfs();
    fake.addReplication("fs-src", "fs-dst");
    action = new EfsStopReplicationAction(vertx, StepClients.built(() -> aws, EfsAsyncClient::builder));
  }

  @AfterEach
  void close() {
    action.close();
    fake.close();
  }

  private Step step(Map<String, String> extra) {
    Map<String, String> params = new HashMap<>(Map.of("fileSystem", "fs-src", "region", "us-east-1",
        "endpointOverride", fake.endpoint().toString(), "pollMillis", "20"));
    params.putAll(extra);
    return new Step("files", params, false);
  }

  private List<Request> calls(String method) {
    return fake.requests().stream().filter(r -> r.method().equals(method)).toList();
  }

  @Test
  void shouldDeleteTheReplicationAndWaitUntilItIsGone() throws Exception {
    Step step = step(Map.of());
    assertThat(OnContext.run(vertx, () -> action.check(step))).isFalse();
    OnContext.run(vertx, () -> action.apply(step));
    assertThat(fake.replicating("fs-src")).as("DELETING until read back twice").isTrue();
    OnContext.run(vertx, () -> action.await(step));

    assertThat(fake.replicating("fs-src")).isFalse();
    assertThat(calls("DELETE")).singleElement().satisfies(r -> {
      assertThat(r.path()).isEqualTo("/2015-02-01/file-systems/fs-src/replication-configuration");
      assertThat(r.query()).isEqualTo(Map.of("deletionMode", "ALL_CONFIGURATIONS"));
      assertThat(r.region()).isEqualTo("us-east-1");
      assertThat(r.service()).isEqualTo("elasticfilesystem");
    });
    assertThat(calls("GET")).as("check, apply's look, DELETING twice, then ReplicationNotFound").hasSize(5)
        .allSatisfy(r -> assertThat(r.query()).isEqualTo(Map.of("FileSystemId", "fs-src")));
    assertThat(OnContext.run(vertx, () -> action.check(step))).as("a second run skips the step").isTrue();
  }

  @Test
  void shouldDeleteOnlyTheLocalSideFromTheDestinationRegionWhenAskedTo() throws Exception {
    Step step = step(Map.of("fileSystem", "fs-dst", "region", "us-west-2", "deletionMode", "LOCAL_CONFIGURATION_ONLY"));
    OnContext.run(vertx, () -> action.apply(step));
    OnContext.run(vertx, () -> action.await(step));
    assertThat(calls("GET")).first().satisfies(r -> assertThat(r.query()).isEqualTo(Map.of("FileSystemId", "fs-dst")));
    assertThat(calls("DELETE")).as("the source's id, which DescribeReplicationConfigurations returned")
        .singleElement().satisfies(r -> {
      assertThat(r.path()).isEqualTo("/2015-02-01/file-systems/fs-src/replication-configuration");
      assertThat(r.query()).isEqualTo(Map.of("deletionMode", "LOCAL_CONFIGURATION_ONLY"));
      assertThat(r.region()).isEqualTo("us-west-2");
    });
  }

  @Test
  void shouldSkipAFileSystemWithoutReplication() throws Exception {
    fake.addFileSystem("fs-alone");
    assertThat(OnContext.run(vertx, () -> action.check(step(Map.of("fileSystem", "fs-alone"))))).isTrue();
  }

  @Test
  void shouldNotDeleteAgainWhatIsAlreadyDeleting() throws Exception {
    Step step = step(Map.of());
    OnContext.run(vertx, () -> action.apply(step));
    OnContext.run(vertx, () -> action.apply(step)); // the pipeline retrying after a crash mid-await
    assertThat(calls("DELETE")).hasSize(1);
    OnContext.run(vertx, () -> action.await(step));
  }

  @Test
  void shouldFailAtOnceWhenTheFileSystemDoesNotExist() {
    assertThatThrownBy(() -> OnContext.run(vertx, () -> action.check(step(Map.of("fileSystem", "fs-nope")))))
        .hasMessage("step files: efs DescribeReplicationConfigurations fs-nope failed: "
            + "FileSystemNotFound (HTTP 404): File system 'fs-nope' does not exist.");
    assertThat(fake.requests()).as("a 404 is not retried").hasSize(1);
  }

  @Test
  void shouldRetryThrottlingThenDelete() throws Exception {
    fake.failNext(2, DELETE, FakeEfs.error(429, "ThrottlingException", "Rate exceeded"));
    OnContext.run(vertx, () -> action.apply(step(Map.of())));
    assertThat(calls("DELETE")).hasSize(3);
    OnContext.run(vertx, () -> action.await(step(Map.of())));
    assertThat(fake.replicating("fs-src")).isFalse();
  }

  @Test
  void shouldFailAfterBoundedAttemptsOnPersistent5xx() {
    fake.failNext(10, DELETE, FakeEfs.error(500, "InternalServerError", "Internal failure."));
    assertThatThrownBy(() -> OnContext.run(vertx, () -> action.apply(step(Map.of())))).hasMessage(
        "step files: efs DeleteReplicationConfiguration fs-src ALL_CONFIGURATIONS failed after 4 attempts: "
            + "InternalServerError (HTTP 500): Internal failure.");
    assertThat(calls("DELETE")).hasSize(4);
    assertThat(fake.replicating("fs-src")).isTrue();
  }

  @Test
  void shouldRetryASlowAnswerAndFailNamingTheTimeoutWhenItStaysSlow() throws Exception {
    try (EfsStopReplicationAction hurried = new EfsStopReplicationAction(vertx, StepClients.built(() -> impatient, EfsAsyncClient::builder))) {
      OnContext.run(vertx, () -> hurried.check(step(Map.of()))); // warm: the first call loads the SDK's classes
      fake.clearRequests();
      fake.delayNext(1, Duration.ofSeconds(2));
      assertThat(OnContext.run(vertx, () -> hurried.check(step(Map.of())))).isFalse();
      assertThat(fake.requests()).hasSize(2);

      fake.delayNext(4, Duration.ofSeconds(2));
      assertThatThrownBy(() -> OnContext.run(vertx, () -> hurried.check(step(Map.of()))))
          .hasMessageStartingWith("step files: efs DescribeReplicationConfigurations fs-src failed after 4 attempts: "
              + "ApiCallTimeoutException");
    }
  }

  @Test
  void shouldBoundTheWaitWhenTheReplicationStays() {
    assertThatThrownBy(() -> OnContext.run(vertx, () -> action.await(step(Map.of("waitSeconds", "1",
        "pollMillis", "100"))))).hasMessage(
            "step files: replication of fs-src: still fs-src -> fs-dst (us-west-2) ENABLED after 1s");
  }

  @Test
  void shouldNameTheStepKeyAndValueOfABadDeletionMode() {
    assertThatThrownBy(() -> OnContext.run(vertx, () -> action.apply(step(Map.of("deletionMode", "LOCAL")))))
        .hasMessage("step files: deletionMode must be ALL_CONFIGURATIONS or LOCAL_CONFIGURATION_ONLY, but was \"LOCAL\"");
    assertThat(fake.requests()).isEmpty();
  }
}
