package io.drwatch.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where drwatch keeps what must survive a restart, such as the failover journal.
 *
 * @param dir the state directory, as written (a relative path is relative to the working
 *     directory); default {@code ./drwatch-state}; never empty text
 */
public record StateConfig(Path dir) {

  public StateConfig {
    Objects.requireNonNull(dir, "dir");
  }

  /** {@code ./drwatch-state}: what a file without a {@code state} section reads as. */
  public static StateConfig defaults() {
    return new StateConfig(Path.of("./drwatch-state"));
  }
}
