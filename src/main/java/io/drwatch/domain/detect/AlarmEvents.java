package io.drwatch.domain.detect;

import io.drwatch.domain.decide.FamilySignal;
import io.drwatch.domain.decide.SignalFamily;
import io.drwatch.domain.decide.Vote;
import io.drwatch.domain.event.EventEnvelope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * CloudWatch "Alarm State Change" events: ALARM casts a vote, OK withdraws it, keyed by alarm
 * name. INSUFFICIENT_DATA changes nothing: a metric that stopped arriving may be the outage
 * itself, and it is no evidence of recovery either. Part of {@link HealthEvents}.
 */
final class AlarmEvents {
  static final String DETAIL_TYPE = "CloudWatch Alarm State Change";

  private final Set<String> names;
  private final Duration freshFor;
  private final Map<String, Instant> alarming = new TreeMap<>();
  private final Map<String, Instant> lastChange = new HashMap<>();

  AlarmEvents(Set<String> names, Duration freshFor) {
    this.names = names;
    this.freshFor = freshFor;
  }

  EventOutcome accept(EventEnvelope e, Instant when) {
    if (!DETAIL_TYPE.equals(e.detailType())) {
      return EventOutcome.ignored("aws.cloudwatch " + e.detailType() + " is not an alarm state change");
    }
    String name = e.detailString("alarmName");
    if (name == null) {
      return EventOutcome.ignored("no alarmName");
    }
    if (!names.isEmpty() && !names.contains(name)) {
      return EventOutcome.ignored("alarm " + name + " is not configured");
    }
    String value = e.detail().get("state") instanceof Map<?, ?> state
        && state.get("value") instanceof String s ? s : null;
    Instant last = lastChange.get(name);
    if (last != null && when.isBefore(last)) {
      return EventOutcome.ignored("alarm " + name + " " + value + " is older than its last change");
    }
    if ("ALARM".equals(value)) {
      lastChange.put(name, when);
      alarming.put(name, when);
      return EventOutcome.accepted("cloudwatch-alarm " + name + " ALARM: casts a vote");
    }
    if ("OK".equals(value)) {
      lastChange.put(name, when);
      boolean was = alarming.remove(name) != null;
      return EventOutcome.accepted(
          "cloudwatch-alarm " + name + " OK" + (was ? ": withdraws the vote" : ""));
    }
    if ("INSUFFICIENT_DATA".equals(value)) {
      return EventOutcome.accepted("cloudwatch-alarm " + name + " INSUFFICIENT_DATA: vote unchanged");
    }
    return EventOutcome.ignored("alarm " + name + " state.value " + value + " unknown");
  }

  FamilySignal signal(Instant now) {
    List<Vote> votes = new ArrayList<>();
    alarming.forEach((name, since) -> {
      Vote v = new Vote(SignalFamily.CLOUDWATCH_ALARM, name, name, since, freshFor,
          name + " in ALARM");
      if (v.isFresh(now)) {
        votes.add(v);
      }
    });
    String summary = votes.isEmpty() ? "none"
        : "ALARM (" + String.join(", ", votes.stream().map(Vote::subject).toList()) + ")";
    return new FamilySignal(SignalFamily.CLOUDWATCH_ALARM, votes, summary);
  }
}
