package io.drwatch.adapter.aws.eventbridge;

import software.amazon.awssdk.services.eventbridge.EventBridgeAsyncClient;
import io.drwatch.adapter.aws.StepClients;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drwatch.adapter.aws.AwsClients;
import io.drwatch.adapter.aws.AwsJsonFake;
import io.drwatch.adapter.aws.AwsJsonFake.Fault;
import io.drwatch.adapter.aws.AwsJsonFake.Reply;
import io.drwatch.adapter.aws.AwsSettings;
import io.drwatch.adapter.aws.OnContext;
import io.drwatch.domain.CodedFailure;
import io.drwatch.domain.FailureCode;
import io.drwatch.port.FailoverAction.Step;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which eventbridge-put failures are retried, on the wire: a throttled put put nothing, so it is
 * sent again; one that timed out after it was sent may be on the bus, so it is not.
 */
class EventBridgePutRetryTest {
  private static Vertx vertx;
  private static AwsClients impatient;
  private final AtomicInteger ids = new AtomicInteger();
  private AwsJsonFake fake;
  private EventBridgePutAction action;

  @BeforeAll
  static void start() {
    vertx = TestVertx.create();
    impatient = OnContext.clients(new AwsSettings(Duration.ofSeconds(1), Duration.ofSeconds(5),
        Duration.ofMillis(700), 10, 1));
  }

  @AfterAll
  static void stop() throws Exception {
    impatient.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @BeforeEach
  void fake() throws Exception {
    fake = new AwsJsonFake(vertx, "1.1", "AWSEvents", Map.of("PutEvents", body -> Reply.ok(new JsonObject()
        .put("FailedEntryCount", 0).put("Entries", new JsonArray().add(new JsonObject()
            .put("EventId", "e-" + ids.incrementAndGet()))))));
    action = new EventBridgePutAction(vertx, StepClients.built(() -> impatient, EventBridgeAsyncClient::builder));
    OnContext.run(vertx, () -> action.result(step())); // loads the SDK's classes outside the test's requests
    fake.calls.clear();
  }

  @AfterEach
  void close() throws Exception {
    action.close();
    fake.close();
  }

  private Step step() {
    return new Step("announce", Map.of("region", "eu-west-1", "endpointOverride", fake.endpoint().toString(),
        "busName", "dr"), false);
  }

  @Test
  void shouldSendAThrottledPutAgain() throws Exception {
    fake.faults.add(Fault.answer(Reply.error(400, "ThrottlingException", "Rate exceeded")));

    String eventId = OnContext.run(vertx, () -> action.result(step()));

    assertThat(eventId).isEqualTo("e-2");
    assertThat(fake.calls).hasSize(2).allSatisfy(c -> {
      assertThat(c.operation()).isEqualTo("PutEvents");
      assertThat(c.body().getJsonArray("Entries").getJsonObject(0).getString("EventBusName")).isEqualTo("dr");
    });
  }

  @Test
  void shouldFailWithoutSendingAgainWhenThePutTimesOutAfterItWasSent() {
    fake.faults.add(Fault.stall(Duration.ofSeconds(3)));

    assertThatThrownBy(() -> OnContext.run(vertx, () -> action.result(step())))
        .isInstanceOfSatisfying(CodedFailure.class, f -> assertThat(f.code()).isEqualTo(FailureCode.TIMEOUT))
        .hasMessageStartingWith("eventbridge-put on bus dr: ");
    assertThat(fake.calls).as("the event may be on the bus: it is not put twice").hasSize(1);
  }
}
