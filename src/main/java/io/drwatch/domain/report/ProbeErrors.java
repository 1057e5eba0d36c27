package io.drwatch.domain.report;

import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A channel's probe-error episodes that began in the report's window. An episode runs from the
 * change to a failure code until the next change (cleared, or another code, which starts its own).
 *
 * @param episodes how many episodes began per failure code, by code
 * @param last the latest episode that began in the window
 */
public record ProbeErrors(Map<String, Long> episodes, Optional<Episode> last) {
  /** @param ended when the code changed again; empty while it stood at the window's end */
  public record Episode(String code, Instant started, String message, Optional<Instant> ended) {}

  public ProbeErrors {
    episodes = Collections.unmodifiableMap(new TreeMap<>(episodes));
  }

  public long total() {
    return episodes.values().stream().mapToLong(Long::longValue).sum();
  }

  /** From one channel's changes in the window, any order. */
  static ProbeErrors of(List<ProbeErrorChange> changes) {
    Map<String, Long> counts = new TreeMap<>();
    Episode last = null;
    for (ProbeErrorChange c : changes.stream().sorted(Comparator.comparingLong(ProbeErrorChange::at)).toList()) {
      if (last != null && last.ended().isEmpty()) {
        last = new Episode(last.code(), last.started(), last.message(), Optional.of(Instant.ofEpochSecond(c.at())));
      }
      if (c.code().isPresent()) {
        counts.merge(c.code().get(), 1L, Long::sum);
        last = new Episode(c.code().get(), Instant.ofEpochSecond(c.at()), c.message(), Optional.empty());
      }
    }
    return new ProbeErrors(counts, Optional.ofNullable(last));
  }
}
