package io.drwatch.adapter.aws.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.adapter.aws.AwsClients;
import io.drwatch.adapter.aws.AwsEndpoint;
import io.drwatch.adapter.aws.AwsSettings;
import io.drwatch.adapter.support.Backoff;
import io.drwatch.app.ingest.EventEnvelopes;
import io.drwatch.app.ingest.EventIngest;
import io.drwatch.app.ingest.IngestOutcome;
import io.drwatch.app.ingest.IngestSource;
import io.drwatch.app.ingest.ReceiveOutcome;
import io.drwatch.app.ingest.RecordingSink;
import io.drwatch.app.ingest.TestEvents;
import io.drwatch.testkit.Await;
import io.drwatch.testkit.MotoServer;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The consumer against a real moto server: real long polls, real deletes, real redelivery. */
class SqsEventConsumerTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final SqsPolling FAST = SqsPolling.DEFAULT.withWaitTime(Duration.ofSeconds(1))
      .withBackoff(new Backoff(Duration.ofMillis(50), Duration.ofMillis(400)));

  private static MotoServer moto;
  private static AwsClients aws;
  private static SqsAsyncClient sqs;

  private Vertx vertx;
  private RecordingSink sink;
  private EventIngest ingest;
  private SqsEventConsumer consumer;

  @BeforeAll
  static void startMoto() throws Exception {
    moto = MotoServer.start();
    aws = AwsClients.create(AwsSettings.DEFAULT,
        StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")));
    sqs = aws.configure(SqsAsyncClient.builder(), new AwsEndpoint("us-east-1", Optional.of(moto.endpoint()))).build();
  }

  @AfterAll
  static void stopMoto() {
    if (sqs != null) {
      sqs.close();
    }
    if (aws != null) {
      aws.close();
    }
    if (moto != null) {
      moto.close();
    }
  }

  @BeforeEach
  void setUp() {
    vertx = TestVertx.create();
    sink = new RecordingSink();
    ingest = EventIngest.create(sink);
  }

  @AfterEach
  void tearDown() throws Exception {
    if (consumer != null) {
      consumer.stop().await(10, TimeUnit.SECONDS);
    }
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private static String queue(Map<QueueAttributeName, String> attributes) throws Exception {
    return sqs.createQueue(r -> r.queueName("events-" + UUID.randomUUID()).attributes(attributes))
        .get(5, TimeUnit.SECONDS).queueUrl();
  }

  private static void send(String queueUrl, String body) throws Exception {
    sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(body)).get(5, TimeUnit.SECONDS);
  }

  /** Visible plus in-flight messages: 0 means every message was deleted, not just received. */
  private static int remaining(String queueUrl) throws Exception {
    Map<QueueAttributeName, String> a = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(
        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
        .get(5, TimeUnit.SECONDS).attributes();
    return Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
        + Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
  }

  private SqsEventConsumer start(String queueUrl, SqsPolling polling) {
    consumer = SqsEventConsumer.create(vertx, sqs, queueUrl, ingest, polling);
    consumer.start().await();
    return consumer;
  }

  private long count(ReceiveOutcome outcome) {
    return ingest.count(IngestSource.SQS, outcome);
  }

  @Test
  void shouldIngestEventsOnTheConsumersContextAndDeleteThem() throws Exception {
    String url = queue(Map.of());
    for (int i = 0; i < 12; i++) {
      send(url, TestEvents.health("evt-" + i).encode());
    }
    send(url, TestEvents.health("evt-3").encode());

    start(url, FAST);

    Await.until(TIMEOUT, "12 events in the sink and a duplicate", () ->
        sink.events().size() == 12 && count(ReceiveOutcome.DUPLICATE) == 1);
    Await.until(TIMEOUT, "every message deleted", () -> remaining(url) == 0);
    assertThat(sink.ids()).containsExactlyInAnyOrderElementsOf(
        IntStream.range(0, 12).mapToObj(i -> "evt-" + i).toList());
    assertThat(sink.events().get(0).detailString("eventRegion")).isEqualTo("us-east-1");
    Context context = consumer.context();
    assertThat(context).isNotNull();
    assertThat(sink.contexts()).hasSize(12).allSatisfy(c -> assertThat(c).isSameAs(context));
    assertThat(count(ReceiveOutcome.ACCEPTED)).isEqualTo(12);
    assertThat(ingest.count(IngestSource.WEBHOOK, ReceiveOutcome.ACCEPTED)).isZero();
  }

  @Test
  void shouldCountLogAndDeletePoisonMessages() throws Exception {
    String url = queue(Map.of());
    send(url, "not json at all");
    send(url, "{\"id\":\"p-2\",\"source\":\"aws.health\"}");
    send(url, "[\"an\",\"array\"]");
    send(url, TestEvents.health("good-1").encode());

    start(url, FAST);

    Await.until(TIMEOUT, "3 poison messages counted", () -> count(ReceiveOutcome.POISON) == 3);
    Await.until(TIMEOUT, "every message deleted", () -> remaining(url) == 0);
    assertThat(sink.ids()).containsExactly("good-1");
    assertThat(count(ReceiveOutcome.MALFORMED)).isZero();
  }

  @Test
  void shouldLeaveAMessageOnTheQueueWhenTheSinkFailsAndTakeItWhenItComesBack() throws Exception {
    String url = queue(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1"));
    sink.answering(e -> {
      throw new IllegalStateException("decision core not ready");
    });
    send(url, TestEvents.health("retry-1").encode());

    start(url, FAST);
    Await.until(TIMEOUT, "the sink tried once", () -> !sink.contexts().isEmpty());
    assertThat(remaining(url)).isEqualTo(1);
    sink.answering(e -> IngestOutcome.ACCEPTED);

    Await.until(TIMEOUT, "the event accepted on redelivery", () -> count(ReceiveOutcome.ACCEPTED) == 1);
    Await.until(TIMEOUT, "the message deleted", () -> remaining(url) == 0);
    assertThat(sink.ids()).containsExactly("retry-1", "retry-1");
  }

  @Test
  void shouldCountAnEventSeenThroughTheWebhookAsADuplicate() throws Exception {
    String url = queue(Map.of());
    String body = TestEvents.health("both-1").encode();
    ingest.ingest(IngestSource.WEBHOOK, EventEnvelopes.parse(body));
    send(url, body);

    start(url, FAST);

    Await.until(TIMEOUT, "the replay counted as a duplicate", () -> count(ReceiveOutcome.DUPLICATE) == 1);
    Await.until(TIMEOUT, "the message deleted", () -> remaining(url) == 0);
    assertThat(sink.ids()).containsExactly("both-1");
  }

  @Test
  void shouldStopPromptlyDuringALongPoll() throws Exception {
    String url = queue(Map.of());
    start(url, SqsPolling.DEFAULT);
    send(url, TestEvents.health("before-stop").encode());
    Await.until(TIMEOUT, "the first event", () -> sink.events().size() == 1);

    long t0 = System.nanoTime();
    consumer.stop().await(5, TimeUnit.SECONDS);
    long stopMillis = Await.elapsedMillis(t0);
    consumer = null;
    send(url, TestEvents.health("after-stop").encode());
    Await.pause(Duration.ofMillis(300));

    assertThat(stopMillis).isLessThan(1_000);
    assertThat(sink.ids()).containsExactly("before-stop");
  }

  @Test
  void shouldRetryWithBackoffWhileTheEndpointIsDownAndNeverBlock() throws Exception {
    // A bound socket that never listens: connections are refused, and no other process can take
    // the port meanwhile (a merely "free" port may become someone's silent server and hang calls).
    try (Socket reserved = new Socket()) {
      reserved.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      retryAgainstDeadPort(reserved.getLocalPort());
    }
    assertThat(sink.events()).isEmpty();
  }

  private void retryAgainstDeadPort(int port) throws Exception {
    try (SqsAsyncClient dead = aws.configure(SqsAsyncClient.builder(),
        new AwsEndpoint("us-east-1", Optional.of(URI.create("http://127.0.0.1:" + port)))).build()) {
      consumer = SqsEventConsumer.create(vertx, dead, "http://127.0.0.1:" + port + "/123456789012/gone", ingest, FAST);
      consumer.start().await(30, TimeUnit.SECONDS); // warm-up against a dead port waits out its call timeout

      Await.until(TIMEOUT, "three failed receives", () -> failures() >= 3);
      consumer.stop().await(5, TimeUnit.SECONDS);
      consumer = null;
    }
  }

  private int failures() {
    return Future.<Integer>future(p -> consumer.context().runOnContext(v -> p.complete(consumer.failures())))
        .await();
  }
}
