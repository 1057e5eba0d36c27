package io.drwatch.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drwatch.domain.event.EventEnvelope;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** De-duplication and counting, with a hand-driven monotonic clock. */
class EventIngestTest {
  private final AtomicLong nanos = new AtomicLong(1_000);
  private final RecordingSink sink = new RecordingSink();

  private EventIngest ingest(int capacity, Duration window) {
    return new EventIngest(sink, capacity, window, nanos::get);
  }

  private static EventEnvelope event(String id) {
    return new EventEnvelope(id, "aws.health", "AWS Health Event", Instant.parse("2026-11-25T08:00:00Z"),
        "us-east-1", Map.of("statusCode", "open"));
  }

  private void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
  }

  @Test
  void shouldCountAReplayOnceWhicheverWayItCame() {
    EventIngest ingest = ingest(10, Duration.ofHours(24));

    assertThat(ingest.ingest(IngestSource.WEBHOOK, event("a"))).isEqualTo(IngestOutcome.ACCEPTED);
    assertThat(ingest.ingest(IngestSource.SQS, event("a"))).isEqualTo(IngestOutcome.DUPLICATE);
    assertThat(ingest.ingest(IngestSource.WEBHOOK, event("a"))).isEqualTo(IngestOutcome.DUPLICATE);

    assertThat(sink.ids()).containsExactly("a");
    assertThat(ingest.count(IngestSource.WEBHOOK, ReceiveOutcome.ACCEPTED)).isEqualTo(1);
    assertThat(ingest.count(IngestSource.WEBHOOK, ReceiveOutcome.DUPLICATE)).isEqualTo(1);
    assertThat(ingest.count(IngestSource.SQS, ReceiveOutcome.DUPLICATE)).isEqualTo(1);
  }

  @Test
  void shouldForgetAnIdOnceTheWindowHasPassedSinceItWasFirstSeen() {
    EventIngest ingest = ingest(10, Duration.ofHours(24));
    ingest.ingest(IngestSource.SQS, event("a"));
    advance(Duration.ofHours(23));
    assertThat(ingest.ingest(IngestSource.SQS, event("a"))).isEqualTo(IngestOutcome.DUPLICATE);

    advance(Duration.ofHours(1));

    assertThat(ingest.ingest(IngestSource.SQS, event("a"))).isEqualTo(IngestOutcome.ACCEPTED);
    assertThat(sink.ids()).containsExactly("a", "a");
  }

  @Test
  void shouldEvictTheOldestIdsBeyondTheCapacity() {
    EventIngest ingest = ingest(2, Duration.ofHours(24));
    ingest.ingest(IngestSource.SQS, event("a"));
    ingest.ingest(IngestSource.SQS, event("b"));
    ingest.ingest(IngestSource.SQS, event("c"));

    assertThat(ingest.ingest(IngestSource.SQS, event("c"))).isEqualTo(IngestOutcome.DUPLICATE);
    assertThat(ingest.ingest(IngestSource.SQS, event("b"))).isEqualTo(IngestOutcome.DUPLICATE);
    assertThat(ingest.ingest(IngestSource.SQS, event("a"))).isEqualTo(IngestOutcome.ACCEPTED);
  }

  @Test
  void shouldRememberIgnoredEventsTooAndPassTheSinksAnswerThrough() {
    sink.answering(e -> IngestOutcome.IGNORED);
    EventIngest ingest = ingest(10, Duration.ofHours(1));

    assertThat(ingest.ingest(IngestSource.WEBHOOK, event("x"))).isEqualTo(IngestOutcome.IGNORED);
    assertThat(ingest.ingest(IngestSource.WEBHOOK, event("x"))).isEqualTo(IngestOutcome.DUPLICATE);
    assertThat(ingest.count(IngestSource.WEBHOOK, ReceiveOutcome.IGNORED)).isEqualTo(1);
  }

  @Test
  void shouldNotRememberAnEventTheSinkFailedOn() {
    EventIngest ingest = ingest(10, Duration.ofHours(1));
    sink.answering(e -> {
      throw new IllegalStateException("not ready");
    });

    assertThatThrownBy(() -> ingest.ingest(IngestSource.SQS, event("f"))).hasMessage("not ready");
    sink.answering(e -> IngestOutcome.ACCEPTED);

    assertThat(ingest.ingest(IngestSource.SQS, event("f"))).isEqualTo(IngestOutcome.ACCEPTED);
    assertThat(ingest.count(IngestSource.SQS, ReceiveOutcome.ACCEPTED)).isEqualTo(1);
  }

  @Test
  void shouldExposeEveryPairFromTheStartAndCountRefusals() {
    EventIngest ingest = EventIngest.create(sink);
    ingest.reject(IngestSource.WEBHOOK, ReceiveOutcome.UNAUTHORIZED);
    ingest.reject(IngestSource.SQS, ReceiveOutcome.POISON);
    ingest.reject(IngestSource.SQS, ReceiveOutcome.POISON);

    Map<IngestSource, Map<ReceiveOutcome, Long>> counts = ingest.counts();

    assertThat(counts).containsOnlyKeys(IngestSource.values());
    assertThat(counts.get(IngestSource.SQS)).hasSize(ReceiveOutcome.values().length)
        .containsEntry(ReceiveOutcome.POISON, 2L).containsEntry(ReceiveOutcome.ACCEPTED, 0L);
    assertThat(counts.get(IngestSource.WEBHOOK)).containsEntry(ReceiveOutcome.UNAUTHORIZED, 1L);
    assertThat(sink.events()).isEmpty();
  }

  @Test
  void shouldLabelAsThePublicSurfaceSays() {
    assertThat(IngestSource.WEBHOOK.label()).isEqualTo("webhook");
    assertThat(IngestSource.SQS.label()).isEqualTo("sqs");
    assertThat(java.util.Arrays.stream(ReceiveOutcome.values()).map(ReceiveOutcome::label)).containsExactly(
        "accepted", "duplicate", "ignored", "malformed", "unauthorized", "too_large", "poison");
  }
}
