package io.drwatch.bootstrap;

import io.drwatch.config.Secret;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Token files and TLS files, looked at on a timer from a worker thread, so that request handlers
 * and polls only read memory. A rotation (cert-manager, a Kubernetes secret) takes effect within
 * one period; a file caught half-written is refused by its loader and tried again next period.
 */
final class LiveFiles {
  private static final System.Logger LOG = System.getLogger(LiveFiles.class.getName());

  private final Vertx vertx;
  private final Duration every;
  private final List<Runnable> checks = new ArrayList<>();
  private final List<Runnable> onLoop = new ArrayList<>();
  private long timer = -1;

  LiveFiles(Vertx vertx, Duration every) {
    this.vertx = vertx;
    this.every = every;
  }

  /** The secret's current value, read now (the caller is not an event loop) and every period. */
  Supplier<Optional<String>> token(Optional<Secret> secret) {
    if (secret.isEmpty()) {
      return Optional::empty;
    }
    AtomicReference<String> current = new AtomicReference<>(secret.get().value());
    if (secret.get().file().isPresent()) {
      checks.add(() -> current.set(secret.get().value()));
    }
    return () -> Optional.of(current.get());
  }

  /**
   * When any of {@code files} changes (time or size), {@code load} runs on a worker and its result
   * goes to {@code apply} on the event loop. A load that throws keeps what {@code apply} had, is
   * logged once per state of the files, and is tried again when they change.
   */
  <T> void watch(String what, List<Path> files, Callable<T> load, Consumer<T> apply) {
    AtomicReference<List<String>> seen = new AtomicReference<>(stamps(files));
    AtomicReference<T> fresh = new AtomicReference<>();
    checks.add(() -> {
      List<String> now = stamps(files);
      if (now.equals(seen.getAndSet(now))) {
        return;
      }
      try {
        fresh.set(load.call());
        LOG.log(System.Logger.Level.INFO, what + ": files changed, reloaded");
      } catch (Exception e) {
        LOG.log(System.Logger.Level.WARNING, what + ": files changed but cannot be used, keeping"
            + " the current ones until they change again: " + e.getMessage());
      }
    });
    onLoop.add(() -> {
      T next = fresh.getAndSet(null);
      if (next != null) {
        apply.accept(next);
      }
    });
  }

  /** Starts the timer on the caller's context; {@code apply}s run there. */
  void start() {
    if (checks.isEmpty()) {
      return;
    }
    timer = vertx.setPeriodic(every.toMillis(), id -> vertx.executeBlocking(() -> {
      checks.forEach(Runnable::run);
      return null;
    }, true).onComplete(ar -> onLoop.forEach(Runnable::run)));
  }

  void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  private static List<String> stamps(List<Path> files) {
    return files.stream().map(f -> {
      try {
        return Files.getLastModifiedTime(f) + "/" + Files.size(f);
      } catch (IOException e) {
        return "missing";
      }
    }).toList();
  }
}
