package io.drwatch.adapter.journal;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.drwatch.domain.runbook.JournalRecord;
import java.util.ArrayList;
import java.util.List;

/** Splits journal bytes into records, reporting each unreadable line instead of failing. */
final class JournalLines {
  private JournalLines() {}

  record Parsed(List<JournalRecord> records, List<String> warnings) {
    Parsed {
      records = List.copyOf(records);
      warnings = List.copyOf(warnings);
    }
  }

  static Parsed parse(String name, byte[] bytes) {
    String text = new String(bytes, UTF_8);
    String[] lines = text.split("\n", -1);
    // After the final '\n' split leaves an empty string; anything else there is an unended tail.
    int count = lines.length - (lines[lines.length - 1].isEmpty() ? 1 : 0);
    List<JournalRecord> records = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      try {
        records.add(JournalCodec.decode(lines[i]));
      } catch (RuntimeException e) {
        warnings.add(warning(name, i + 1, i == count - 1, e));
      }
    }
    return new Parsed(records, warnings);
  }

  private static String warning(String name, int line, boolean last, RuntimeException e) {
    if (last) {
      return name + " line " + line + " (last): unreadable, ignored; a write cut short by a"
          + " crash? " + e.getMessage();
    }
    return name + " line " + line + ": unreadable, skipped: " + e.getMessage();
  }
}
