package io.drwatch.adapter.coordination;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.drwatch.port.ExecutorLease;
import io.drwatch.port.LeaseFailure;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The executor lease of a lone observer: an OS lock on {@code <state.dir>/drwatch.lock}, held
 * from {@link #start} to {@link #close}, so two daemons pointed at one state dir cannot both run
 * the journal. The holder writes its pid into the lock file for the refused one to name. The
 * epoch comes from {@link EpochFile} and grows by one at every start, across restarts.
 *
 * <p>The lock is the OS's ({@code fcntl} on Linux): it ends with the process, so a crash never
 * leaves a stale lock behind. The file itself stays; its content is only a hint.
 *
 * <p>File I/O runs on a worker; the grant is set and listeners are called on the context that
 * called {@link #start}.
 */
public final class LocalExecutorLease implements ExecutorLease {
  public static final String LOCK_FILE = "drwatch.lock";

  private final Vertx vertx;
  private final Path dir;
  private final String observer;
  private final List<Consumer<Optional<Grant>>> listeners = new CopyOnWriteArrayList<>();
  private volatile Grant grant;
  private Context context;
  private FileChannel channel; // worker only
  private FileLock lock; // worker only

  /**
   * @param stateDir {@code state.dir}; created if absent
   * @param observer this observer's name, the {@link Grant#holder} of its grants
   */
  public LocalExecutorLease(Vertx vertx, Path stateDir, String observer) {
    this.vertx = vertx;
    this.dir = stateDir;
    this.observer = observer;
  }

  /**
   * Locks the state dir and takes the next epoch. Fails with {@link LeaseFailure.Code#LOCKED}
   * when another daemon holds the lock, and {@link LeaseFailure.Code#UNAVAILABLE} when the dir
   * cannot be created or written.
   */
  @Override
  public Future<Void> start() {
    context = vertx.getOrCreateContext();
    return context.executeBlocking(this::acquire, false).map(g -> {
      grant = g;
      listeners.forEach(l -> l.accept(Optional.of(g)));
      return (Void) null;
    });
  }

  @Override
  public Optional<Grant> current() {
    return Optional.ofNullable(grant);
  }

  @Override
  public String holder() {
    return grant == null ? "" : observer;
  }

  @Override
  public void onChange(Consumer<Optional<Grant>> listener) {
    listeners.add(listener);
  }

  /** Releases the lock; the epoch file keeps the last epoch for the next start. */
  @Override
  public Future<Void> close() {
    if (context == null) {
      return Future.succeededFuture();
    }
    if (grant != null) {
      grant = null;
      context.runOnContext(v -> listeners.forEach(l -> l.accept(Optional.empty())));
    }
    return context.executeBlocking(() -> {
      release();
      return (Void) null;
    }, false);
  }

  private Grant acquire() throws IOException {
    FileChannel opened;
    try {
      Files.createDirectories(dir);
      opened = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
          StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new LeaseFailure(LeaseFailure.Code.UNAVAILABLE,
          "state dir " + dir.toAbsolutePath() + " cannot be created or written: " + e, e);
    }
    FileLock held;
    try {
      held = opened.tryLock();
    } catch (OverlappingFileLockException e) {
      held = null; // this JVM already holds it, through another lease
    }
    if (held == null) {
      String pid = pidIn(opened);
      opened.close();
      throw new LeaseFailure(LeaseFailure.Code.LOCKED,
          "state dir " + dir.toAbsolutePath() + " is locked by another drwatch"
              + (pid.isEmpty() ? "" : " (pid " + pid + ")")
              + "; one daemon per state dir");
    }
    channel = opened;
    lock = held;
    try {
      writePid(opened);
      return new Grant(observer, EpochFile.next(dir));
    } catch (IOException e) {
      release();
      throw new LeaseFailure(LeaseFailure.Code.UNAVAILABLE,
          "state dir " + dir.toAbsolutePath() + ": cannot record the epoch: " + e.getMessage(), e);
    }
  }

  private void release() throws IOException {
    if (lock != null) {
      lock.release();
      lock = null;
    }
    if (channel != null) {
      channel.close();
      channel = null;
    }
  }

  private static void writePid(FileChannel file) throws IOException {
    file.truncate(0);
    ByteBuffer bytes = ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(UTF_8));
    while (bytes.hasRemaining()) {
      file.write(bytes, file.size());
    }
    file.force(false);
  }

  private static String pidIn(FileChannel file) {
    try {
      ByteBuffer bytes = ByteBuffer.allocate(32);
      file.read(bytes, 0);
      String text = new String(bytes.array(), 0, bytes.position(), UTF_8).strip();
      return text.matches("\\d{1,19}") ? text : "";
    } catch (IOException e) {
      return "";
    }
  }
}
