package io.drwatch.domain.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.domain.decide.FamilySignal;
import io.drwatch.domain.detect.EventOutcome.Kind;
import io.drwatch.domain.event.EventEnvelope;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HealthEventsTest {
  private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
  private static final String ARN = "arn:aws:health:us-east-1::event/RDS/AWS_RDS_OPERATIONAL_ISSUE/1";

  private final HealthEvents events = new HealthEvents(new HealthEvents.Config(
      "us-east-1", Set.of("rds", "EC2"), Duration.ofHours(6), Set.of(), Duration.ofHours(1)));

  private static EventEnvelope health(String id, String status, Map<String, Object> overrides) {
    Map<String, Object> d = new HashMap<>(Map.of("eventArn", ARN, "service", "RDS",
        "eventTypeCode", "AWS_RDS_OPERATIONAL_ISSUE", "eventTypeCategory", "issue",
        "eventRegion", "us-east-1", "statusCode", status));
    d.putAll(overrides);
    return new EventEnvelope(id, "aws.health", "AWS Health Event", T0, "us-west-2", d);
  }

  private static EventEnvelope alarm(String id, String name, String state, Instant time) {
    return new EventEnvelope(id, "aws.cloudwatch", "CloudWatch Alarm State Change", time,
        "us-east-1", Map.of("alarmName", name, "state", Map.of("value", state)));
  }

  @Test
  void shouldCastAVoteForAnOpenIssueInThePrimaryRegionWhateverBusCarriedIt() {
    EventOutcome o = events.accept(health("e-1", "open", Map.of()), T0.plusSeconds(1));

    assertThat(o.kind()).isEqualTo(Kind.ACCEPTED);
    assertThat(o.label()).isEqualTo("accepted");
    FamilySignal s = events.health(T0.plusSeconds(2));
    assertThat(s.summary()).isEqualTo("open (RDS AWS_RDS_OPERATIONAL_ISSUE)");
    assertThat(s.votes()).singleElement().satisfies(v -> {
      assertThat(v.voter()).isEqualTo(ARN);
      assertThat(v.subject()).isEqualTo("RDS");
      assertThat(v.castAt()).isEqualTo(T0);
    });
  }

  @Test
  void shouldIgnoreWrongRegionCategoryServiceAndStatus() {
    assertThat(events.accept(health("e-1", "open", Map.of("eventRegion", "us-west-2")), T0))
        .isEqualTo(new EventOutcome(Kind.IGNORED,
            "eventRegion us-west-2 is not the primary region us-east-1"));
    assertThat(events.accept(health("e-2", "open", Map.of("eventTypeCategory", "scheduledChange")), T0)
        .reason()).isEqualTo("eventTypeCategory scheduledChange is not issue");
    assertThat(events.accept(health("e-3", "open", Map.of("service", "S3")), T0).reason())
        .isEqualTo("service S3 is not one of [EC2, RDS]");
    assertThat(events.accept(health("e-4", "upcoming", Map.of()), T0).reason())
        .isEqualTo("statusCode upcoming is neither open nor closed");
    assertThat(events.accept(new EventEnvelope("e-5", "aws.ec2", "EC2 Instance State-change",
        T0, "us-east-1", Map.of()), T0).label()).isEqualTo("ignored");
    assertThat(events.health(T0).stands(T0)).isFalse();
  }

  @Test
  void shouldCountAReplayedIdOnceAndASecondBusCopyAsTheSameVote() {
    events.accept(health("e-1", "open", Map.of()), T0);

    assertThat(events.accept(health("e-1", "open", Map.of()), T0).kind()).isEqualTo(Kind.DUPLICATE);
    assertThat(events.accept(health("e-2", "open", Map.of()), T0).reason())
        .isEqualTo("aws-health RDS AWS_RDS_OPERATIONAL_ISSUE still open");
    assertThat(events.health(T0).votes()).hasSize(1);
  }

  @Test
  void shouldWithdrawTheVoteOnClosedAndNotReviveItWithAnOlderOpen() {
    events.accept(health("e-1", "open", Map.of()), T0);
    EventEnvelope closed = new EventEnvelope("e-2", "aws.health", "AWS Health Event",
        T0.plusSeconds(60), "us-east-1", health("x", "closed", Map.of()).detail());

    assertThat(events.accept(closed, T0.plusSeconds(61)).reason())
        .isEqualTo("aws-health RDS AWS_RDS_OPERATIONAL_ISSUE closed: withdraws the vote");
    assertThat(events.health(T0.plusSeconds(61)).summary()).isEqualTo("none");
    assertThat(events.accept(health("e-3", "open", Map.of()), T0.plusSeconds(62)).kind())
        .isEqualTo(Kind.IGNORED);
    assertThat(events.health(T0.plusSeconds(62)).stands(T0.plusSeconds(62))).isFalse();
  }

  @Test
  void shouldLetAnOpenIssueGoStaleWithoutNews() {
    events.accept(health("e-1", "open", Map.of()), T0);

    assertThat(events.health(T0.plus(Duration.ofHours(6))).stands(T0.plus(Duration.ofHours(6))))
        .isTrue();
    assertThat(events.health(T0.plus(Duration.ofHours(7))).votes()).isEmpty();
  }

  @Test
  void shouldCapTheVoteTimeAtReceiptSoFutureStampsCannotExtendIt() {
    EventEnvelope future = new EventEnvelope("e-1", "aws.health", "AWS Health Event",
        T0.plusSeconds(3600), "us-east-1", health("x", "open", Map.of()).detail());
    events.accept(future, T0);

    assertThat(events.health(T0).votes()).singleElement()
        .satisfies(v -> assertThat(v.castAt()).isEqualTo(T0));
  }

  @Test
  void shouldVoteOnAlarmAndWithdrawOnOkKeyedByAlarmName() {
    assertThat(events.accept(alarm("a-1", "db-cpu", "ALARM", T0), T0).reason())
        .isEqualTo("cloudwatch-alarm db-cpu ALARM: casts a vote");
    events.accept(alarm("a-2", "db-conn", "ALARM", T0), T0);
    assertThat(events.alarms(T0).summary()).isEqualTo("ALARM (db-conn, db-cpu)");

    events.accept(alarm("a-3", "db-cpu", "INSUFFICIENT_DATA", T0.plusSeconds(1)), T0);
    assertThat(events.alarms(T0).votes()).hasSize(2);
    events.accept(alarm("a-4", "db-cpu", "OK", T0.plusSeconds(2)), T0.plusSeconds(2));
    assertThat(events.alarms(T0.plusSeconds(2)).summary()).isEqualTo("ALARM (db-conn)");
    assertThat(events.accept(alarm("a-5", "db-cpu", "ALARM", T0.plusSeconds(1)), T0.plusSeconds(3))
        .kind()).as("older than the OK").isEqualTo(Kind.IGNORED);
  }

  @Test
  void shouldOrderAndAgeAlarmsOnTheTimeLineAfterTheWallClockSteppedBack() {
    // The time line keeps going; our wall clock was stepped back 1h between ALARM and OK. On the
    // wall clock the OK would look older than the ALARM and be ignored, freezing the vote.
    Instant line = T0.plusSeconds(10);
    Instant wall = T0.plusSeconds(10).minus(Duration.ofHours(1));
    events.accept(alarm("a-1", "db-cpu", "ALARM", T0), T0, T0);

    EventOutcome ok = events.accept(alarm("a-2", "db-cpu", "OK", wall), wall, line);

    assertThat(ok.reason()).isEqualTo("cloudwatch-alarm db-cpu OK: withdraws the vote");
    assertThat(events.alarms(line).votes()).isEmpty();
  }

  @Test
  void shouldStampAVoteAtReceiptMinusTheEventsAgeOnTheTimeLine() {
    Instant line = T0.plus(Duration.ofHours(2));
    events.accept(health("e-1", "open", Map.of()), T0.plusSeconds(5), line);

    assertThat(events.health(line).votes()).singleElement()
        .satisfies(v -> assertThat(v.castAt()).isEqualTo(line.minusSeconds(5)));
  }

  @Test
  void shouldOnlyCountConfiguredAlarmsWhenNamed() {
    HealthEvents named = new HealthEvents(new HealthEvents.Config(
        "us-east-1", Set.of("RDS"), Duration.ofHours(6), Set.of("db-cpu"), Duration.ofHours(1)));

    assertThat(named.accept(alarm("a-1", "web-5xx", "ALARM", T0), T0).reason())
        .isEqualTo("alarm web-5xx is not configured");
    assertThat(named.alarms(T0).votes()).isEmpty();
  }
}
