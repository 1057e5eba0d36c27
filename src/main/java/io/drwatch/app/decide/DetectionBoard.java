package io.drwatch.app.decide;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** The latest detection snapshot and the last 50 tick verdicts, for readers on any thread. */
public final class DetectionBoard {
  public static final int VERDICTS_KEPT = 50;

  private Detection latest;
  private final Deque<String> verdicts = new ArrayDeque<>();
  private final List<Consumer<Detection>> listeners = new CopyOnWriteArrayList<>();

  public void publish(Detection d) {
    synchronized (this) {
      latest = d;
      if (verdicts.size() == VERDICTS_KEPT) {
        verdicts.removeFirst();
      }
      verdicts.addLast(d.at() + " " + d.verdict());
    }
    listeners.forEach(l -> l.accept(d));
  }

  /** Called after every tick, on the decision loop's thread. */
  public void onPublish(Consumer<Detection> listener) {
    listeners.add(listener);
  }

  public synchronized Optional<Detection> latest() {
    return Optional.ofNullable(latest);
  }

  /** Oldest first. */
  public synchronized List<String> recentVerdicts() {
    return new ArrayList<>(verdicts);
  }
}
