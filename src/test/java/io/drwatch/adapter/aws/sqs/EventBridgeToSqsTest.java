package io.drwatch.adapter.aws.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.adapter.aws.AwsClients;
import io.drwatch.adapter.aws.AwsEndpoint;
import io.drwatch.adapter.aws.AwsSettings;
import io.drwatch.adapter.support.Backoff;
import io.drwatch.app.ingest.EventIngest;
import io.drwatch.app.ingest.IngestSource;
import io.drwatch.app.ingest.ReceiveOutcome;
import io.drwatch.app.ingest.RecordingSink;
import io.drwatch.app.ingest.TestEvents;
import io.drwatch.domain.event.EventEnvelope;
import io.drwatch.testkit.Await;
import io.drwatch.testkit.MotoServer;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The whole way in: an event put on an EventBridge bus, matched by a rule whose target is the
 * queue, reaches the sink. EventBridge is driven with its JSON protocol directly (moto does not
 * check signatures), so the test needs no EventBridge SDK module.
 */
class EventBridgeToSqsTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static JsonObject events(MotoServer moto, String action, JsonObject body) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(moto.endpoint())
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/x-amz-json-1.1")
        .header("X-Amz-Target", "AWSEvents." + action)
        .header("Authorization", "AWS4-HMAC-SHA256 Credential=testing/20261125/us-east-1/events/aws4_request, "
            + "SignedHeaders=host, Signature=0")
        .POST(BodyPublishers.ofString(body.encode()))
        .build();
    HttpResponse<String> r = HTTP.send(request, BodyHandlers.ofString());
    assertThat(r.statusCode()).as(action + ": " + r.body()).isEqualTo(200);
    return r.body().isEmpty() ? new JsonObject() : new JsonObject(r.body());
  }

  private static JsonObject entry(String source, JsonObject detail) {
    return new JsonObject().put("Source", source).put("DetailType", "AWS Health Event").put("Detail", detail.encode());
  }

  @Test
  void shouldDeliverAMatchingEventFromTheBusToTheSink() throws Exception {
    Vertx vertx = TestVertx.create();
    try (MotoServer moto = MotoServer.start();
        AwsClients aws = AwsClients.create(AwsSettings.DEFAULT,
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")));
        SqsAsyncClient sqs = aws.configure(SqsAsyncClient.builder(),
            new AwsEndpoint("us-east-1", Optional.of(moto.endpoint()))).build()) {
      String url = sqs.createQueue(r -> r.queueName("health-events")).get(10, TimeUnit.SECONDS).queueUrl();
      String arn = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
          .get(5, TimeUnit.SECONDS).attributes().get(QueueAttributeName.QUEUE_ARN);
      events(moto, "PutRule", new JsonObject().put("Name", "health-to-drwatch").put("State", "ENABLED")
          .put("EventPattern", new JsonObject().put("source", new JsonArray().add("aws.health")).encode()));
      events(moto, "PutTargets", new JsonObject().put("Rule", "health-to-drwatch")
          .put("Targets", new JsonArray().add(new JsonObject().put("Id", "drwatch").put("Arn", arn))));
      JsonObject detail = TestEvents.health("unused").getJsonObject("detail");
      JsonObject put = events(moto, "PutEvents", new JsonObject().put("Entries", new JsonArray()
          .add(entry("aws.health", detail))
          .add(entry("aws.ec2", detail))));
      assertThat(put.getInteger("FailedEntryCount")).isZero();

      RecordingSink sink = new RecordingSink();
      EventIngest ingest = EventIngest.create(sink);
      SqsEventConsumer consumer = SqsEventConsumer.create(vertx, sqs, url, ingest,
          SqsPolling.DEFAULT.withWaitTime(Duration.ofSeconds(1)).withBackoff(new Backoff(Duration.ofMillis(50), Duration.ofMillis(400))));
      consumer.start().await(10, TimeUnit.SECONDS);

      Await.until(Duration.ofSeconds(20), "the bus event in the sink", () -> sink.events().size() == 1);
      consumer.stop().await(5, TimeUnit.SECONDS);
      String left = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(
          QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).get(5, TimeUnit.SECONDS)
          .attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);

      assertThat(sink.events()).as("the aws.ec2 event does not match the rule").hasSize(1);
      assertThat(left).isEqualTo("0");
      EventEnvelope e = sink.events().get(0);
      assertThat(e.source()).isEqualTo("aws.health");
      assertThat(e.detailType()).isEqualTo("AWS Health Event");
      assertThat(e.region()).isEqualTo("us-east-1");
      assertThat(e.detailString("eventArn")).isEqualTo(detail.getString("eventArn"));
      assertThat(e.detailString("eventRegion")).isEqualTo("us-east-1");
      assertThat(ingest.count(IngestSource.SQS, ReceiveOutcome.POISON)).isZero();
      assertThat(put.getJsonArray("Entries").getJsonObject(0).getString("EventId")).isEqualTo(e.id());
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }
}
