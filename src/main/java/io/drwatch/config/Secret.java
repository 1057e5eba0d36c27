package io.drwatch.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
import java.util.Optional;

/**
 * A password or token, given inline ({@code password: ${PG_PASSWORD}}) or as a file
 * ({@code passwordFile: /var/run/secrets/pg/password}) that is read at start and read again when it
 * changes, so a rotated Kubernetes secret takes effect without a restart.
 *
 * <p>Never printed: {@link #toString} is {@code ***}, so a config record that holds one can be
 * logged or dumped safely.
 */
public final class Secret {

  private final String inline;
  private final Path file;
  private volatile Cached cached;

  private record Cached(FileTime modified, long size, String value) {}

  private Secret(String inline, Path file, Cached cached) {
    this.inline = inline;
    this.file = file;
    this.cached = cached;
  }

  /** A value written in the config (after {@code ${ENV}} substitution). */
  public static Secret of(String value) {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("a secret must not be empty");
    }
    return new Secret(value, null, null);
  }

  /**
   * A value kept in a file, read now so that a missing or empty file is a config error.
   *
   * @throws IllegalArgumentException naming the problem (no such file, not readable, empty)
   */
  public static Secret fromFile(Path file) {
    Objects.requireNonNull(file, "file");
    Cached first = read(file).orElseThrow(() -> new IllegalArgumentException("is empty"));
    return new Secret(null, file, first);
  }

  /**
   * The current value. For a file, a change of its time or size is read again; a file that has
   * become unreadable or empty keeps the last good value, as a half-written rotation would
   * otherwise lock drwatch out.
   */
  public String value() {
    if (file == null) {
      return inline;
    }
    Cached last = cached;
    try {
      FileTime modified = Files.getLastModifiedTime(file);
      long size = Files.size(file);
      if (!modified.equals(last.modified()) || size != last.size()) {
        read(file).ifPresent(fresh -> cached = fresh);
      }
    } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
      return last.value();
    }
    return cached.value();
  }

  /**
   * The current value of a secret file named in step params ({@code passwordFile: /path}), read
   * again when it changes, like {@link #fromFile}. One cached reader per path.
   *
   * @throws IllegalArgumentException naming the problem when the file was never readable
   */
  public static String currentValueOf(Path file) {
    return FILES.computeIfAbsent(file.toAbsolutePath().normalize(), Secret::fromFile).value();
  }

  private static final java.util.concurrent.ConcurrentMap<Path, Secret> FILES =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** Where the value is kept, for messages: the file, or empty for an inline value. */
  public Optional<Path> file() {
    return Optional.ofNullable(file);
  }

  /** Whether both hold the same value now, to refuse one token serving two roles. */
  public boolean sameValueAs(Secret other) {
    return value().equals(other.value());
  }

  /** Equal when given the same way: the same inline value, or the same file. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Secret other && Objects.equals(inline, other.inline)
        && Objects.equals(file, other.file);
  }

  @Override
  public int hashCode() {
    return Objects.hash(inline, file);
  }

  @Override
  public String toString() {
    return "***";
  }

  // A trailing newline is how `echo secret > file` and most editors end a file; it is never part
  // of the secret.
  private static Optional<Cached> read(Path file) {
    try {
      FileTime modified = Files.getLastModifiedTime(file);
      long size = Files.size(file);
      String text = Files.readString(file, StandardCharsets.UTF_8).stripTrailing();
      return text.isEmpty() ? Optional.empty() : Optional.of(new Cached(modified, size, text));
    } catch (IOException e) {
      throw new IllegalArgumentException(ConfigLoader.reason(e));
    }
  }
}
