package io.drwatch.app.ingest;

import java.util.Locale;

/** How an event reached us; the {@code source} label of {@code drwatch_events_received_total}. */
public enum IngestSource {
  WEBHOOK,
  SQS;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
