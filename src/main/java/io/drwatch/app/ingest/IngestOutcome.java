package io.drwatch.app.ingest;

/** What the ingest layer did with a valid event. */
public enum IngestOutcome {
  /** Recorded: the event may now count as a vote. */
  ACCEPTED,
  /** Seen before (same {@code id}, from the webhook or any queue): counted once. */
  DUPLICATE,
  /** Valid but irrelevant, e.g. another source or service. */
  IGNORED
}
