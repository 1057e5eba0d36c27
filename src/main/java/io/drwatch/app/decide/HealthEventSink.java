package io.drwatch.app.decide;

import io.drwatch.app.ingest.EventSink;
import io.drwatch.app.ingest.IngestOutcome;
import io.drwatch.domain.detect.EventOutcome;
import io.drwatch.domain.detect.HealthEvents;
import io.drwatch.domain.event.EventEnvelope;
import java.lang.System.Logger.Level;
import java.time.Clock;

/**
 * Feeds ingested EventBridge events to the AWS Health / alarm vote keeper. Ingestion and the
 * decision tick may run on different event loops, so access to the keeper is serialised here.
 */
public final class HealthEventSink implements EventSink {
  private static final System.Logger LOG = System.getLogger("io.drwatch.events");

  private final HealthEvents health;
  private final Clock wall;
  private final Clock clock;

  /**
   * @param wall measures an event's age from its own {@code time}
   * @param clock the detection time line votes are stamped on, so a wall-clock step cannot
   *     reorder events or freeze a vote
   */
  public HealthEventSink(HealthEvents health, Clock wall, Clock clock) {
    this.health = health;
    this.wall = wall;
    this.clock = clock;
  }

  @Override
  public IngestOutcome accept(EventEnvelope event) {
    EventOutcome outcome;
    synchronized (health) {
      outcome = health.accept(event, wall.instant(), clock.instant());
    }
    LOG.log(outcome.kind() == EventOutcome.Kind.ACCEPTED ? Level.INFO : Level.DEBUG,
        "event " + event.id() + " from " + event.source() + ": " + outcome);
    return switch (outcome.kind()) {
      case ACCEPTED -> IngestOutcome.ACCEPTED;
      case DUPLICATE -> IngestOutcome.DUPLICATE;
      case IGNORED -> IngestOutcome.IGNORED;
    };
  }
}
