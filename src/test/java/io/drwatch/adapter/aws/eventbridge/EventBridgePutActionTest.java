package io.drwatch.adapter.aws.eventbridge;

import io.drwatch.adapter.aws.StepClients;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drwatch.adapter.aws.AwsClients;
import io.drwatch.adapter.aws.AwsEndpoint;
import io.drwatch.adapter.aws.AwsSettings;
import io.drwatch.port.FailoverAction.Step;
import io.drwatch.testkit.MotoServer;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.eventbridge.EventBridgeAsyncClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** eventbridge-put against a real moto server: the event reaches an SQS queue through a rule. */
class EventBridgePutActionTest {
  private static final String REGION = "us-east-1";

  /** Runs {@code call} on a fresh event-loop context; fails unless its result arrives on that context. */
  private static <T> T onContext(Vertx vertx, Supplier<Future<T>> call) throws Exception {
    Context context = vertx.getOrCreateContext();
    AtomicReference<Context> seen = new AtomicReference<>();
    Promise<T> done = Promise.promise();
    context.runOnContext(v -> call.get().onComplete(ar -> {
      seen.set(Vertx.currentContext());
      done.handle(ar);
    }));
    try {
      return done.future().await(30, TimeUnit.SECONDS);
    } finally {
      assertThat(seen.get()).as("the SDK result comes back on the caller's context").isSameAs(context);
    }
  }

  @Test
  void shouldPutAFailoverEventThatARuleRoutesToAQueue() throws Exception {
    Vertx vertx = TestVertx.create();
    try (MotoServer moto = MotoServer.start();
        AwsClients aws = AwsClients.create(AwsSettings.DEFAULT,
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")));
        SqsAsyncClient sqs = aws.configure(SqsAsyncClient.builder(),
            new AwsEndpoint(REGION, Optional.of(moto.endpoint()))).build();
        EventBridgeAsyncClient events = aws.configure(EventBridgeAsyncClient.builder(),
            new AwsEndpoint(REGION, Optional.of(moto.endpoint()))).build();
        EventBridgePutAction action = new EventBridgePutAction(vertx, StepClients.built(() -> aws, EventBridgeAsyncClient::builder))) {
      String url = sqs.createQueue(r -> r.queueName("failover-events")).get(10, TimeUnit.SECONDS).queueUrl();
      String arn = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
          .get(5, TimeUnit.SECONDS).attributes().get(QueueAttributeName.QUEUE_ARN);
      events.createEventBus(r -> r.name("dr")).get(10, TimeUnit.SECONDS);
      events.putRule(r -> r.name("drwatch-failover").eventBusName("dr").state("ENABLED")
          .eventPattern(new JsonObject().put("detail-type", new JsonArray().add("drwatch.failover")).encode()))
          .get(10, TimeUnit.SECONDS);
      events.putTargets(r -> r.rule("drwatch-failover").eventBusName("dr").targets(t -> t.id("q").arn(arn)))
          .get(10, TimeUnit.SECONDS);

      Map<String, String> params = new HashMap<>(Map.of("region", REGION,
          "endpointOverride", moto.endpoint().toString(), "busName", "dr"));
      Step step = new Step("announce", params, true, "run-1", 5);
      assertThat(onContext(vertx, () -> action.check(step))).isFalse();
      String eventId = onContext(vertx, () -> action.result(step));
      onContext(vertx, () -> action.apply(new Step("announce", Map.of("region", REGION,
          "endpointOverride", moto.endpoint().toString(), "busName", "dr", "source", "ops.dr",
          "detail", "{\"runId\":\"r-1\"}"), false, "run-1", 6)));
      onContext(vertx, () -> action.await(step));

      List<JsonObject> received = new java.util.ArrayList<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (received.size() < 2 && System.nanoTime() < deadline) {
        for (Message m : sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1))
            .get(10, TimeUnit.SECONDS).messages()) {
          received.add(new JsonObject(m.body()));
        }
      }
      assertThat(received).hasSize(2);
      JsonObject first = received.stream().filter(e -> e.getString("id").equals(eventId)).findFirst().orElseThrow();
      assertThat(first.getString("detail-type")).isEqualTo("drwatch.failover");
      assertThat(first.getString("source")).isEqualTo("drwatch");
      // The queue holds the event as EventBridge delivered it: the fencing epoch arrived in the detail.
      assertThat(first.getJsonObject("detail"))
          .isEqualTo(new JsonObject().put("step", "announce").put("drill", true).put("epoch", 5));
      JsonObject second = received.stream().filter(e -> !e.getString("id").equals(eventId)).findFirst().orElseThrow();
      assertThat(second.getString("detail-type")).isEqualTo("drwatch.failover");
      assertThat(second.getString("source")).isEqualTo("ops.dr");
      assertThat(second.getJsonObject("detail")).isEqualTo(new JsonObject().put("runId", "r-1").put("epoch", 6));
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void shouldFailWithTheErrorOfARejectedEntry() throws Exception {
    Vertx vertx = TestVertx.create();
    EventBridgePutAction action = new EventBridgePutAction(vertx, endpoint -> new EventBridgeAsyncClient() {
      @Override
      public CompletableFuture<PutEventsResponse> putEvents(PutEventsRequest request) {
        return CompletableFuture.completedFuture(PutEventsResponse.builder().failedEntryCount(1)
            .entries(PutEventsResultEntry.builder().errorCode("InternalFailure").errorMessage("try again").build())
            .build());
      }

      @Override
      public String serviceName() {
        return "events";
      }

      @Override
      public void close() {}
    });
    try {
      assertThatThrownBy(() -> onContext(vertx, () -> action.apply(new Step("announce", Map.of("region", REGION), false))))
          .hasMessage("eventbridge-put on bus default: event not accepted (InternalFailure: try again)");
      assertThatThrownBy(() -> onContext(vertx, () -> action.apply(new Step("announce",
          Map.of("region", REGION, "detail", "[1]"), false))))
          .hasMessageContaining("detail is not a JSON object");
    } finally {
      action.close();
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }
}
