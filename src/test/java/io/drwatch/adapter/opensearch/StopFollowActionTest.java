package io.drwatch.adapter.opensearch;

import io.drwatch.adapter.support.Backoff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drwatch.port.FailoverAction.Step;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** {@code opensearch-stop-follow} against the stateful wire fake of the replication API. */
class StopFollowActionTest {
  private static final String INDEX = "orders";
  private Vertx vertx;
  private Vertx serverVertx;
  private ReplicationFake fake;
  private StopFollowAction action;

  @BeforeAll
  static void warmUp() throws Exception {
    ReplicationFake.warmUp();
  }

  @BeforeEach
  void start() throws Exception {
    serverVertx = Vertx.vertx();
    fake = new ReplicationFake(serverVertx);
    vertx = TestVertx.create();
    action = new StopFollowAction(vertx, () -> StaticCredentialsProvider.create(
        AwsBasicCredentials.create("testing", "testing")), StopFollowAction.RETRY.attempts(3).backoff(new Backoff(Duration.ofMillis(20), Duration.ofMillis(80))),
        Duration.ofMillis(50));
    fake.follow(INDEX).leaderCheckpoint = 41;
    fake.follow(INDEX).followerCheckpoint = 40;
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(5, TimeUnit.SECONDS);
    fake.close();
    serverVertx.close().await(5, TimeUnit.SECONDS);
  }

  private Step step(String... more) {
    Map<String, String> params = new HashMap<>(Map.of("url", fake.url(), "index", INDEX,
        "username", "admin", "password", "s3cret-pw", "timeoutSeconds", "1", "waitSeconds", "3"));
    for (int i = 0; i < more.length; i += 2) {
      params.put(more[i], more[i + 1]);
    }
    return new Step("stop-orders", params, false);
  }

  private static <T> T done(Future<T> f) throws Exception {
    return f.await(10, TimeUnit.SECONDS);
  }

  @Test
  void shouldStopSyncingReplicationAndAwaitNotInProgress() throws Exception {
    assertThat(done(action.check(step()))).isFalse();
    done(action.apply(step()));
    assertThat(fake.follow(INDEX).status).isEqualTo("SYNCING"); // the stop is still walking
    done(action.await(step()));
    assertThat(fake.follow(INDEX).status).isEqualTo(ReplicationStatus.NOT_IN_PROGRESS);
    assertThat(fake.count("POST", "/_plugins/_replication/orders/_stop")).isEqualTo(1);
    assertThat(fake.count("GET", "/_status")).isGreaterThanOrEqualTo(3); // check + polls over stopLag
    assertThat(done(action.check(step()))).isTrue();
  }

  @Test
  void shouldSkipWhenNotReplicatingOrTheIndexIsUnknown() throws Exception {
    fake.follow(INDEX).status = ReplicationStatus.NOT_IN_PROGRESS;
    assertThat(done(action.check(step()))).isTrue();
    fake.indices.clear();
    assertThat(done(action.check(step()))).isTrue();
  }

  @Test
  void shouldCountARacingStopAsDoneAndFailOtherClientErrorsAtOnce() throws Exception {
    fake.follow(INDEX).status = ReplicationStatus.NOT_IN_PROGRESS;
    done(action.apply(step())); // "No replication in progress": someone else stopped it
    assertThatThrownBy(() -> done(action.apply(step("index", "Bad Name"))))
        .hasMessageContaining("step stop-orders: POST /_plugins/_replication/Bad%20Name/_stop")
        .hasMessageContaining("status 404").hasMessageContaining("index_not_found_exception");
    assertThat(fake.count("POST", "/_stop")).isEqualTo(2); // no retry of a 4xx
  }

  @Test
  void shouldRetryThrottlingAndServerErrorsThenSucceed() throws Exception {
    fake.faults.add(429);
    fake.faults.add(503);
    done(action.apply(step()));
    assertThat(fake.count("POST", "/_stop")).isEqualTo(3);
    assertThat(fake.follow(INDEX).stopPollsLeft).isGreaterThanOrEqualTo(0);
  }

  @Test
  void shouldFailAfterBoundedAttemptsOnPersistentServerErrors() throws Exception {
    for (int i = 0; i < 5; i++) {
      fake.faults.add(500);
    }
    assertThatThrownBy(() -> done(action.apply(step())))
        .hasMessageContaining("step stop-orders: POST /_plugins/_replication/orders/_stop failed after 3 attempts")
        .hasMessageContaining("status 500");
    assertThat(fake.count("POST", "/_stop")).isEqualTo(3);
  }

  @Test
  void shouldRetryATimedOutCallAndNameTheTimeoutWhenItPersists() throws Exception {
    fake.faults.add(0);
    assertThat(done(action.check(step()))).isFalse(); // one silent answer, then the retry answers
    fake.faults.add(0);
    fake.faults.add(0);
    fake.faults.add(0);
    assertThatThrownBy(() -> done(action.check(step())))
        .hasMessageContaining("failed after 3 attempts").hasMessageContaining("no answer within 1s");
  }

  @Test
  void shouldFailAtOnceOnBadCredentialsWithoutShowingThem() throws Exception {
    assertThatThrownBy(() -> done(action.check(step("password", "not-the-password"))))
        .hasMessageContaining("step stop-orders").hasMessageContaining("status 401")
        .hasMessageNotContaining("not-the-password");
    assertThat(fake.count("GET", "/_status")).isEqualTo(1);
  }

  @Test
  void shouldSignWithSigV4WhenAsked() throws Exception {
    fake.sigV4 = true;
    done(action.apply(step("auth", "sigv4", "region", "eu-west-1")));
    String auth = fake.headers.get(0).get("Authorization");
    assertThat(auth).startsWith("AWS4-HMAC-SHA256 Credential=testing/").contains("/eu-west-1/es/aws4_request");
    assertThat(fake.headers.get(0).get("X-Amz-Date")).matches("\\d{8}T\\d{6}Z");
    assertThatThrownBy(() -> done(action.check(step("auth", "sigv4"))))
        .hasMessage("step stop-orders: region: required with auth sigv4 for opensearch-stop-follow");
  }

  @Test
  void shouldFailAwaitWhenReplicationNeverStops() throws Exception {
    assertThatThrownBy(() -> done(action.await(step("waitSeconds", "1"))))
        .hasMessageContaining("step stop-orders: replication of orders still in progress after 1s")
        .hasMessageContaining("SYNCING");
  }
}
