package io.drwatch.adapter.journal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The journal file opened for appending, owned by the journal's single worker thread. Opening it
 * ends a line a crash left unfinished, so the next record starts on a line of its own.
 */
final class AppendFile {
  private static final System.Logger LOG = System.getLogger(AppendFile.class.getName());

  private final Path file;
  private FileChannel channel;

  AppendFile(Path file) {
    this.file = file;
  }

  FileChannel channel() throws IOException {
    if (channel != null) {
      return channel;
    }
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    boolean created = !Files.exists(file);
    boolean unterminated = !created && endsMidLine(file);
    channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND);
    if (created) {
      syncDirectory(dir);
    }
    if (unterminated) {
      channel.write(ByteBuffer.wrap(new byte[] {'\n'}));
    }
    return channel;
  }

  void close() throws IOException {
    if (channel != null) {
      FileChannel open = channel;
      channel = null;
      open.close();
    }
  }

  private static boolean endsMidLine(Path file) throws IOException {
    try (FileChannel read = FileChannel.open(file, StandardOpenOption.READ)) {
      if (read.size() == 0) {
        return false;
      }
      ByteBuffer last = ByteBuffer.allocate(1);
      read.read(last, read.size() - 1);
      return last.get(0) != '\n';
    }
  }

  /** A new file's directory entry must be durable too, or a crash could lose the whole file. */
  private static void syncDirectory(Path dir) {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // Not every platform can open a directory; the records themselves are still fsynced.
      LOG.log(Level.DEBUG, "cannot fsync " + dir + ": " + e);
    }
  }
}
