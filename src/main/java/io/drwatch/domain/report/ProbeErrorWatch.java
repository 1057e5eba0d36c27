package io.drwatch.domain.report;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Each channel's probe failure code as last seen, to store a {@link ProbeErrorChange} only when it
 * changes. A channel starts with none: after a restart, an error that still stands is a new
 * episode, which is what the daemon saw.
 */
public final class ProbeErrorWatch {
  private final Map<String, Optional<String>> codes = new HashMap<>();

  /**
   * @param code the channel's current failure code, empty while its probes succeed
   * @param message the channel's current error text, stored with a new code
   */
  public Optional<ProbeErrorChange> observe(String channel, long at, Optional<String> code,
      Optional<String> message) {
    Optional<String> before = codes.getOrDefault(channel, Optional.empty());
    if (before.equals(code)) {
      return Optional.empty();
    }
    codes.put(channel, code);
    return Optional.of(new ProbeErrorChange(channel, at, code, code.isPresent() ? message.orElse("") : ""));
  }
}
