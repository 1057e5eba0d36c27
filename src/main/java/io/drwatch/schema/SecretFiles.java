package io.drwatch.schema;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A secret step param given as a file ({@code passwordFile: /var/run/secrets/pg/password}): read
 * at load so that a missing or empty file fails check-config; the action reads it again on use
 * ({@code FailoverAction.Step#param}), so a rotated file needs no restart.
 */
final class SecretFiles {
  private SecretFiles() {}

  /** The file's text without its trailing newline, or empty with the problem in {@code errors}. */
  static Optional<String> read(String name, Map<String, String> raw, List<ParamError> errors) {
    String key = name + ParamSchema.FILE;
    if (raw.containsKey(name)) {
      errors.add(new ParamError(key, "give " + name + " or " + key + ", not both"));
      return Optional.empty();
    }
    String file = raw.get(key).strip();
    String rule = "must name a readable, non-empty file";
    try {
      String text = Files.readString(Path.of(file), StandardCharsets.UTF_8).stripTrailing();
      if (text.isEmpty()) {
        errors.add(new ParamError(key, rule + ": " + file + " is empty"));
        return Optional.empty();
      }
      return Optional.of(text);
    } catch (NoSuchFileException e) {
      errors.add(new ParamError(key, rule + ": no such file " + file));
    } catch (AccessDeniedException e) {
      errors.add(new ParamError(key, rule + ": permission denied on " + file));
    } catch (IOException | InvalidPathException e) {
      errors.add(new ParamError(key, rule + ": " + file + " cannot be read (" + e.getClass().getSimpleName() + ")"));
    }
    return Optional.empty();
  }
}
