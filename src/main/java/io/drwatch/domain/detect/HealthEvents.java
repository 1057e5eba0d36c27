package io.drwatch.domain.detect;

import io.drwatch.domain.decide.FamilySignal;
import io.drwatch.domain.decide.SignalFamily;
import io.drwatch.domain.decide.Vote;
import io.drwatch.domain.event.EventEnvelope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code aws-health} and {@code cloudwatch-alarm} families, fed by EventBridge events from any
 * transport (API destination, SQS). Single owner: call it from the decision loop's thread.
 *
 * <p>An AWS Health event counts only if it is an {@code issue} for a configured service whose
 * {@code detail.eventRegion} is the primary region. The envelope's {@code region} is ignored: the
 * event may reach us through a backup region's bus precisely because the primary is down. Events
 * are de-duplicated by envelope {@code id} and keyed by {@code eventArn}, so the same issue seen
 * through two buses is one vote; {@code open} casts or refreshes it, {@code closed} withdraws it.
 * An {@code open} no newer than the {@code closed} for its ARN (out-of-order delivery) is ignored.
 *
 * <p>Times: a vote is cast at our receive time minus the event's age (our wall clock minus the
 * event's own {@code time}, at least 0), so an old event replayed from an archive is already stale
 * instead of looking like fresh news. The receive time is on the detection time line (monotonic,
 * see {@code MonotonicClock}); the wall clock only measures the age. Freshness and the ordering of
 * open/closed and ALARM/OK therefore survive a step of our wall clock: after a backward step a
 * newer event is still newer, and a vote cast before it still ages out on time.
 */
public final class HealthEvents {
  public static final Duration DEFAULT_FRESH_FOR = Duration.ofHours(6);
  static final int REMEMBERED = 10_000;

  /**
   * @param primaryRegion e.g. {@code us-east-1}
   * @param services AWS Health service codes, e.g. RDS, ELASTICACHE, EC2 (case-insensitive)
   * @param healthFreshFor how long an open issue votes without a newer event: long enough to span
   *     the silence between AWS updates, bounded so a lost {@code closed} cannot vote forever
   * @param alarmNames alarms that count; empty = every alarm the EventBridge rule delivers
   * @param alarmFreshFor the same bound for an alarm in ALARM (alarms only send state changes)
   */
  public record Config(
      String primaryRegion,
      Set<String> services,
      Duration healthFreshFor,
      Set<String> alarmNames,
      Duration alarmFreshFor) {
    public Config {
      Objects.requireNonNull(primaryRegion, "primaryRegion");
      services = services.stream().map(s -> s.toUpperCase(Locale.ROOT))
          .collect(Collectors.toUnmodifiableSet());
      alarmNames = Set.copyOf(alarmNames);
      Objects.requireNonNull(healthFreshFor, "healthFreshFor");
      Objects.requireNonNull(alarmFreshFor, "alarmFreshFor");
    }

    /** Default freshness, every delivered alarm. */
    public static Config of(String primaryRegion, Set<String> services) {
      return new Config(primaryRegion, services, DEFAULT_FRESH_FOR, Set.of(), DEFAULT_FRESH_FOR);
    }
  }

  private record Issue(String service, String typeCode, Instant castAt) {}

  private final Config config;
  private final RecentIds ids = new RecentIds(REMEMBERED);
  private final Map<String, Issue> open = new LinkedHashMap<>();
  private final Map<String, Instant> closed = bounded();
  private final AlarmEvents alarms;

  public HealthEvents(Config config) {
    this.config = Objects.requireNonNull(config, "config");
    this.alarms = new AlarmEvents(config.alarmNames(), config.alarmFreshFor());
  }

  /** Records one event received at {@code at}, when the wall clock and time line agree. */
  public EventOutcome accept(EventEnvelope e, Instant at) {
    return accept(e, at, at);
  }

  /**
   * Records one event and says what became of it.
   *
   * @param wall our wall clock at receipt, only to measure the event's age from its {@code time}
   * @param at the receive instant on the detection time line, which votes are stamped on
   */
  public EventOutcome accept(EventEnvelope e, Instant wall, Instant at) {
    if (!ids.add(e.id())) {
      return new EventOutcome(EventOutcome.Kind.DUPLICATE, "event id " + e.id() + " seen before");
    }
    Duration age = Duration.between(e.time(), wall);
    Instant when = age.isNegative() ? at : at.minus(age);
    return switch (e.source()) {
      case "aws.health" -> health(e, when);
      case "aws.cloudwatch" -> alarms.accept(e, when);
      default -> EventOutcome.ignored("source " + e.source() + " is not a detection signal");
    };
  }

  /** The {@code aws-health} family now: one vote per fresh open issue. */
  public FamilySignal health(Instant now) {
    List<Vote> votes = new ArrayList<>();
    List<String> names = new ArrayList<>();
    open.forEach((arn, i) -> {
      Vote v = new Vote(SignalFamily.AWS_HEALTH, i.service(), arn, i.castAt(),
          config.healthFreshFor(), describe(i) + " open in " + config.primaryRegion());
      if (v.isFresh(now)) {
        votes.add(v);
        names.add(describe(i));
      }
    });
    return new FamilySignal(SignalFamily.AWS_HEALTH, votes,
        votes.isEmpty() ? "none" : "open (" + String.join("; ", names) + ")");
  }

  /** The {@code cloudwatch-alarm} family now: one vote per fresh alarm in ALARM. */
  public FamilySignal alarms(Instant now) {
    return alarms.signal(now);
  }

  private EventOutcome health(EventEnvelope e, Instant when) {
    String category = e.detailString("eventTypeCategory");
    if (!"issue".equalsIgnoreCase(category)) {
      return EventOutcome.ignored("eventTypeCategory " + category + " is not issue");
    }
    String service = e.detailString("service");
    if (service == null || !config.services().contains(service.toUpperCase(Locale.ROOT))) {
      return EventOutcome.ignored("service " + service + " is not one of "
          + config.services().stream().sorted().toList());
    }
    String region = e.detailString("eventRegion");
    if (!config.primaryRegion().equals(region)) {
      return EventOutcome.ignored(
          "eventRegion " + region + " is not the primary region " + config.primaryRegion());
    }
    String arn = e.detailString("eventArn");
    if (arn == null) {
      return EventOutcome.ignored("no eventArn");
    }
    Issue issue = new Issue(service.toUpperCase(Locale.ROOT), e.detailString("eventTypeCode"), when);
    String status = String.valueOf(e.detailString("statusCode")).toLowerCase(Locale.ROOT);
    return switch (status) {
      case "open" -> open(arn, issue);
      case "closed" -> close(arn, issue);
      default -> EventOutcome.ignored("statusCode " + status + " is neither open nor closed");
    };
  }

  private EventOutcome open(String arn, Issue issue) {
    Instant closedAt = closed.get(arn);
    if (closedAt != null && !issue.castAt().isAfter(closedAt)) {
      return EventOutcome.ignored(describe(issue) + " open is older than its closed event");
    }
    closed.remove(arn);
    Issue before = open.get(arn);
    if (before != null && before.castAt().isAfter(issue.castAt())) {
      return EventOutcome.accepted("aws-health " + describe(issue) + " already open, newer news kept");
    }
    open.put(arn, issue);
    return EventOutcome.accepted(
        "aws-health " + describe(issue) + (before == null ? " open: casts a vote" : " still open"));
  }

  private EventOutcome close(String arn, Issue issue) {
    closed.put(arn, issue.castAt());
    boolean was = open.remove(arn) != null;
    return EventOutcome.accepted("aws-health " + describe(issue)
        + (was ? " closed: withdraws the vote" : " closed (was not open)"));
  }

  private static String describe(Issue i) {
    return i.typeCode() == null ? i.service() : i.service() + " " + i.typeCode();
  }

  private static Map<String, Instant> bounded() {
    return new LinkedHashMap<>() {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
        return size() > REMEMBERED;
      }
    };
  }
}
