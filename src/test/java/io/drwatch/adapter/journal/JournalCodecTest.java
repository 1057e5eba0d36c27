package io.drwatch.adapter.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drwatch.domain.FailureCode;
import io.drwatch.domain.runbook.JournalRecord;
import io.drwatch.domain.runbook.JournalRecord.DataLossAccepted;
import io.drwatch.domain.runbook.JournalRecord.RunApproved;
import io.drwatch.domain.runbook.JournalRecord.RunBlocked;
import io.drwatch.domain.runbook.JournalRecord.RunCancelled;
import io.drwatch.domain.runbook.JournalRecord.RunFinished;
import io.drwatch.domain.runbook.JournalRecord.RunStarted;
import io.drwatch.domain.runbook.JournalRecord.StepFailed;
import io.drwatch.domain.runbook.JournalRecord.StepFinished;
import io.drwatch.domain.runbook.JournalRecord.StepInterrupted;
import io.drwatch.domain.runbook.JournalRecord.StepSkipped;
import io.drwatch.domain.runbook.JournalRecord.StepStarted;
import io.drwatch.domain.runbook.RunMode;
import io.drwatch.domain.runbook.RunState;
import io.drwatch.domain.runbook.StepSpec;
import io.drwatch.domain.runbook.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class JournalCodecTest {
  private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
  private static final RunStarted STARTED = new RunStarted("r1", RunMode.DRILL,
      new Trigger(List.of("OUTAGE DECLARED: primary down"), Map.of("pg-orders",
          Duration.ofMillis(1200))),
      List.of(StepSpec.builder("fence-ga", "ga-traffic-dial").fence(true).build(),
          StepSpec.builder("promote-db", "pg-promote").after("fence-ga").retries(2)
              .timeout(Duration.ofSeconds(30)).expected(Duration.ofSeconds(5)).build()),
      false, T0);

  static List<JournalRecord> everyType() {
    return List.of(STARTED,
        new RunApproved("r1", "bob", T0),
        new StepStarted("r1", "promote-db", 1, T0),
        new StepFinished("r1", "promote-db", "line one\nline two \"quoted\"", T0),
        new StepFailed("r1", "promote-db", "timeout after 30s", T0),
        new StepSkipped("r1", "promote-db", "already promoted", T0),
        new StepInterrupted("r1", "promote-db", "restart", T0),
        new RunBlocked("r1", "promote-db", "pg-orders RPO 12s > maxDataLoss 5s", T0),
        new DataLossAccepted("r1", "alice", T0),
        new RunFinished("r1", RunState.SUCCEEDED, "", T0),
        new RunCancelled("r1", "carol", "drill over", T0),
        new RunFinished("r1", RunState.EXPIRED, "no approval within approvalTimeout 30m", T0),
        new RunFinished("r1", RunState.ABANDONED, "not resumed", T0),
        new JournalRecord.Rearmed("r1", "jane", T0),
        new JournalRecord.DirectionFlipped("r1", List.of("orders-db", "sessions"), T0),
        new JournalRecord.ReprotectApplied("r1", List.of("orders-db", "sessions"), T0),
        new JournalRecord.Reprotected("r1", "orders-db", T0),
        new JournalRecord.SwitchoverMeasured("sw-1", Duration.ofMillis(1800), Duration.ZERO, T0),
        new RunStarted("sw-1", RunMode.SWITCHOVER, Trigger.manual("switchover requested by ann"),
            STARTED.plan(), false, T0));
  }

  @Test
  void shouldWriteTheReprotectionRecordsAsDocumented() {
    String applied = "{\"type\":\"reprotect-applied\",\"runId\":\"rp\",\"at\":\"2025-03-01T10:00:00Z\","
        + "\"epoch\":0,\"channels\":[\"orders-db\"]}";
    String confirmed = "{\"type\":\"reprotected\",\"runId\":\"rp\",\"at\":\"2025-03-01T10:00:00Z\","
        + "\"epoch\":0,\"channel\":\"orders-db\"}";
    assertThat(JournalCodec.encode(new JournalRecord.ReprotectApplied("rp", List.of("orders-db"), T0), 0))
        .isEqualTo(applied);
    assertThat(JournalCodec.encode(new JournalRecord.Reprotected("rp", "orders-db", T0), 0)).isEqualTo(confirmed);
    assertThat(JournalCodec.decode(confirmed)).isEqualTo(new JournalRecord.Reprotected("rp", "orders-db", T0));
    assertThatThrownBy(() -> JournalCodec.decode(confirmed.replace(",\"channel\":\"orders-db\"", "")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"channel\"");
  }

  @Test
  void shouldWriteTheOperatorRunsRecordsUnderTheirContractNames() {
    assertThat(JournalCodec.encode(new JournalRecord.ReprotectApplied("rp-1", List.of("db"), T0), 4)).isEqualTo(
        "{\"type\":\"reprotect-applied\",\"runId\":\"rp-1\",\"at\":\"2025-03-01T10:00:00Z\",\"epoch\":4,"
            + "\"channels\":[\"db\"]}");
    assertThat(JournalCodec.encode(new JournalRecord.SwitchoverMeasured("sw-1", Duration.ofMillis(1800),
        Duration.ZERO, T0), 4)).isEqualTo("{\"type\":\"switchover-measured\",\"runId\":\"sw-1\","
            + "\"at\":\"2025-03-01T10:00:00Z\",\"epoch\":4,\"writeUnavailable\":\"PT1.8S\",\"rpo\":\"PT0S\"}");
    assertThat(JournalCodec.encode(new RunStarted("rp-1", RunMode.REPROTECT, Trigger.manual("x"), List.of(), false, T0), 0))
        .contains("\"mode\":\"reprotect\"");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyType")
  void shouldRoundTripEveryRecordOnOneLine(JournalRecord record) {
    String line = JournalCodec.encode(record, 7);

    assertThat(line).doesNotContain("\n");
    assertThat(JournalCodec.decode(line)).isEqualTo(record);
  }

  @Test
  void shouldWriteTheDocumentedFormat() {
    assertThat(JournalCodec.encode(new StepStarted("r1", "promote-db", 1, T0), 3)).isEqualTo(
        "{\"type\":\"step-started\",\"runId\":\"r1\",\"at\":\"2025-03-01T10:00:00Z\","
            + "\"epoch\":3,\"step\":\"promote-db\",\"attempt\":1}");
    assertThat(JournalCodec.encode(new RunFinished("r1", RunState.FAILED, "boom", T0), 3))
        .isEqualTo("{\"type\":\"run-finished\",\"runId\":\"r1\",\"at\":\"2025-03-01T10:00:00Z\","
            + "\"epoch\":3,\"outcome\":\"failed\",\"reason\":\"boom\"}");
    assertThat(JournalCodec.encode(STARTED, 0)).isEqualTo(
        "{\"type\":\"run-started\",\"runId\":\"r1\",\"at\":\"2025-03-01T10:00:00Z\","
            + "\"epoch\":0,\"mode\":\"drill\",\"awaitingApproval\":false,"
            + "\"trigger\":{\"evidence\":[\"OUTAGE DECLARED: primary down\"],"
            + "\"rpo\":{\"pg-orders\":\"PT1.2S\"}},"
            + "\"plan\":[{\"id\":\"fence-ga\",\"action\":\"ga-traffic-dial\",\"after\":[],"
            + "\"timeout\":\"PT1M\",\"retries\":0,\"expected\":\"PT1M\",\"fence\":true,"
            + "\"promote\":false},"
            + "{\"id\":\"promote-db\",\"action\":\"pg-promote\",\"after\":[\"fence-ga\"],"
            + "\"timeout\":\"PT30S\",\"retries\":2,\"expected\":\"PT5S\",\"fence\":false,"
            + "\"promote\":true}]}");
  }

  @Test
  void shouldJournalAFailedStepsCodeAndReadOldLinesWithoutOne() {
    StepFailed coded = new StepFailed("r1", "promote-db", Optional.of(FailureCode.THROTTLED),
        "rds PromoteReadReplica failed after 4 attempts: ThrottlingException (HTTP 400): Rate exceeded", T0);
    String line = JournalCodec.encode(coded, 2);
    assertThat(line).contains("\"code\":\"throttled\"");
    assertThat(JournalCodec.decode(line)).isEqualTo(coded);

    String old = "{\"type\":\"step-failed\",\"runId\":\"r1\",\"at\":\"2025-03-01T10:00:00Z\","
        + "\"epoch\":2,\"step\":\"promote-db\",\"message\":\"timeout\"}";
    assertThat(JournalCodec.decode(old)).isEqualTo(new StepFailed("r1", "promote-db", "timeout", T0));
    assertThat(JournalCodec.encode(new StepFailed("r1", "promote-db", "timeout", T0), 2)).isEqualTo(old);
    // A code from a later version is not a reason to lose the line.
    assertThat(JournalCodec.decode(old.replace("}", ",\"code\":\"quantum\"}")))
        .isEqualTo(new StepFailed("r1", "promote-db", "timeout", T0));
  }

  @Test
  void shouldIgnoreFieldsItDoesNotKnow() {
    String line = "{\"type\":\"data-loss-accepted\",\"runId\":\"r1\","
        + "\"at\":\"2025-03-01T10:00:00Z\",\"by\":\"alice\",\"via\":\"api\"}";

    assertThat(JournalCodec.decode(line)).isEqualTo(new DataLossAccepted("r1", "alice", T0));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "not json",
      "{\"type\":\"step-exploded\",\"runId\":\"r1\",\"at\":\"2025-03-01T10:00:00Z\"}",
      "{\"type\":\"step-started\",\"runId\":\"r1\",\"at\":\"yesterday\",\"step\":\"a\","
          + "\"attempt\":1}",
      "{\"type\":\"step-started\",\"runId\":\"r1\",\"at\":\"2025-03-01T10:00:00Z\","
          + "\"step\":\"a\"}",
      "{\"type\":\"run-finished\",\"runId\":\"r1\",\"at\":\"2025-03-01T10:00:00Z\","
          + "\"outcome\":\"cancelled\",\"reason\":\"\"}"})
  void shouldRejectALineItCannotReadWithAReason(String line) {
    assertThatThrownBy(() -> JournalCodec.decode(line))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageMatching("^(not a JSON object|unknown type|malformed field|missing field"
            + "|outcome must be).*");
  }
}
