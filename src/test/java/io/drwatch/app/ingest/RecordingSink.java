package io.drwatch.app.ingest;

import io.drwatch.domain.event.EventEnvelope;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A sink for tests: records every event it is handed (also those it then throws on) and the Vert.x
 * context it was called on.
 */
public final class RecordingSink implements EventSink {
  private final List<EventEnvelope> events = new CopyOnWriteArrayList<>();
  private final List<Context> contexts = new CopyOnWriteArrayList<>();
  private volatile Function<EventEnvelope, IngestOutcome> answer = e -> IngestOutcome.ACCEPTED;

  @Override
  public IngestOutcome accept(EventEnvelope event) {
    contexts.add(Vertx.currentContext());
    events.add(event);
    return answer.apply(event);
  }

  /** What to answer (or throw) from now on. */
  public RecordingSink answering(Function<EventEnvelope, IngestOutcome> f) {
    this.answer = f;
    return this;
  }

  public List<EventEnvelope> events() {
    return List.copyOf(events);
  }

  public List<String> ids() {
    return events.stream().map(EventEnvelope::id).toList();
  }

  public List<Context> contexts() {
    return List.copyOf(contexts);
  }
}
