package io.drwatch.adapter.coordination;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A lone observer's fencing epoch: {@code <state.dir>/epoch}, the last granted epoch as decimal
 * text. Each grant writes epoch + 1 to a temporary file, fsyncs it and renames it over the old one,
 * so a crash leaves either the old or the new number, never a torn one.
 */
final class EpochFile {
  static final String NAME = "epoch";

  private EpochFile() {}

  /** Blocking: the next epoch, already durable. Call only while holding the state dir's lock. */
  static long next(Path dir) throws IOException {
    Path file = dir.resolve(NAME);
    long next = read(file) + 1;
    Path tmp = dir.resolve(NAME + ".tmp");
    try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer bytes = ByteBuffer.wrap((next + "\n").getBytes(UTF_8));
      while (bytes.hasRemaining()) {
        out.write(bytes);
      }
      out.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    syncDirectory(dir);
    return next;
  }

  private static long read(Path file) throws IOException {
    if (!Files.exists(file)) {
      return 0;
    }
    String text = Files.readString(file, UTF_8).strip();
    try {
      long epoch = Long.parseLong(text);
      if (epoch >= 0) {
        return epoch;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    // Starting over at 1 could repeat an epoch already in the journal; a person must decide.
    throw new IOException(file + " must hold the last epoch as a number >= 0, was \"" + text
        + "\" (restore it, or write a number above every epoch in the journal)");
  }

  // The rename is only durable once the directory entry is.
  private static void syncDirectory(Path dir) {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // Not every platform can open a directory; the file's content is already fsynced.
    }
  }
}
