package io.drwatch.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.drwatch.domain.event.EventEnvelope;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventEnvelopesTest {
  private static MalformedEventException malformed(String json) {
    return catchThrowableOfType(MalformedEventException.class, () -> EventEnvelopes.parse(json));
  }

  @Test
  void shouldReadTheEnvelopeAndGivePlainJavaValuesForDetail() throws Exception {
    EventEnvelope e = EventEnvelopes.parse(TestEvents.health("h-1").encode());

    assertThat(e.id()).isEqualTo("h-1");
    assertThat(e.source()).isEqualTo("aws.health");
    assertThat(e.detailType()).isEqualTo("AWS Health Event");
    assertThat(e.region()).isEqualTo("us-west-2");
    assertThat(e.time()).isEqualTo(Instant.parse("2026-11-25T08:00:00Z"));
    assertThat(e.detail()).containsEntry("endTime", null).containsEntry("statusCode", "open");
    assertThat(e.detail().get("eventDescription")).isInstanceOf(List.class);
    assertThat(((List<?>) e.detail().get("eventDescription")).get(0)).isInstanceOf(Map.class);
  }

  @Test
  void shouldAcceptOffsetsAndFractionsInTime() throws Exception {
    String json = TestEvents.health("t-1").put("time", "2026-11-25T10:00:00.250+02:00").encode();

    assertThat(EventEnvelopes.parse(json).time()).isEqualTo(Instant.parse("2026-11-25T08:00:00.250Z"));
  }

  @Test
  void shouldNameTheFirstBadField() {
    for (String field : List.of("id", "source", "detail-type", "time", "region", "detail")) {
      JsonObject event = TestEvents.health("m-1");
      event.remove(field);
      assertThat(malformed(event.encode()).field()).as(field).hasValue(field);
      assertThat(malformed(event.encode()).getMessage()).isEqualTo(field + ": is missing");
    }
    assertThat(malformed(TestEvents.health("").encode()).getMessage()).isEqualTo("id: must be a non-empty string");
    assertThat(malformed(TestEvents.health("x").put("region", List.of()).encode()).field()).hasValue("region");
    assertThat(malformed(TestEvents.health("x").put("time", "2026-11-25 08:00").encode()).field()).hasValue("time");
    assertThat(malformed(TestEvents.health("x").put("time", "2026-11-25T08:00:00").encode()).field()).hasValue("time");
    assertThat(malformed(TestEvents.health("x").putNull("detail").encode()).getMessage())
        .isEqualTo("detail: must be a JSON object");
  }

  @Test
  void shouldRefuseWhatIsNotAJsonObject() {
    for (String body : Arrays.asList("", "nope", "[]", "\"id\"", "42", "null", "{\"id\":", "{} {}")) {
      MalformedEventException e = malformed(body);
      assertThat(e).as(body).isNotNull();
      assertThat(e.field()).as(body).isEmpty();
    }
  }

  @Test
  void shouldWarmUpWithoutError() {
    EventEnvelopes.warmUp();
  }
}
