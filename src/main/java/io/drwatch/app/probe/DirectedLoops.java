package io.drwatch.app.probe;

import io.drwatch.domain.topology.Topology;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One probe loop per channel, reading the direction the {@link Topology} says: when a channel's
 * reading turns (a re-protection rebuilt its replica the other way, or a switchover), its loop is
 * stopped and a new one, with primary and replica swapped, takes over. The new loop starts with a
 * fresh tracker: heartbeats and sequence numbers of the other direction mean nothing to it.
 * Single owner: the daemon's context (topology changes and probe rounds both run there).
 */
public final class DirectedLoops {
  private static final System.Logger LOG = System.getLogger(DirectedLoops.class.getName());

  /** Builds a channel's loop (not started); {@code reversed}: write to the configured replica, read the configured primary. */
  public interface Factory {
    ProbeLoop create(String channel, boolean reversed);
  }

  private record Current(ProbeLoop loop, boolean reversed) {}

  private final Vertx vertx;
  private final Factory factory;
  private final Map<String, Current> loops = new LinkedHashMap<>();
  // Channels whose current loop does not run (stopped at start for the other direction).
  private final Set<String> idle = new HashSet<>();
  private final Set<String> building = new HashSet<>();
  private Topology topology = Topology.AS_CONFIGURED;
  private boolean started;

  /** Builds every channel's loop as configured, on the calling thread; none runs before {@link #start}. */
  public DirectedLoops(Vertx vertx, List<String> channels, Factory factory) {
    this.vertx = vertx;
    this.factory = factory;
    channels.forEach(c -> loops.put(c, new Current(factory.create(c, false), false)));
  }

  /** Starts every loop in the direction of the newest topology seen (the journal is read by then). */
  public void start() {
    started = true;
    loops.forEach((channel, c) -> {
      if (c.reversed() == topology.readsReversed(channel)) {
        c.loop().start();
      } else {
        idle.add(channel);
        c.loop().stop();
      }
    });
    turn();
  }

  /** Called with every new topology; turns the loops whose reading changed. */
  public void follow(Topology next) {
    topology = next;
    if (started) {
      turn();
    }
  }

  /** The direction the channel's running loop reads. */
  public boolean readsReversed(String channel) {
    Current c = loops.get(channel);
    return c != null && c.reversed() && !idle.contains(channel);
  }

  public Future<Void> stop() {
    started = false;
    List<Future<Void>> closing = new ArrayList<>();
    loops.forEach((channel, c) -> closing.add(idle.contains(channel) ? Future.succeededFuture() : c.loop().stop()));
    return Future.join(closing).mapEmpty();
  }

  private void turn() {
    for (Map.Entry<String, Current> e : loops.entrySet()) {
      String channel = e.getKey();
      boolean want = topology.readsReversed(channel);
      if ((e.getValue().reversed() == want && !idle.contains(channel)) || building.contains(channel)) {
        continue;
      }
      building.add(channel);
      // Off the event loop: a new probe builds its clients (and their resolvers) on first use.
      vertx.executeBlocking(() -> factory.create(channel, want), false)
          .onComplete(ar -> {
            building.remove(channel);
            if (ar.failed()) {
              LOG.log(Level.ERROR, channel + ": cannot build the probe of the new direction", ar.cause());
            } else {
              install(channel, ar.result(), want);
            }
          });
    }
  }

  private void install(String channel, ProbeLoop next, boolean reversed) {
    if (!started || topology.readsReversed(channel) != reversed) {
      next.stop(); // turned again (or stopped) meanwhile
      if (started) {
        turn();
      }
      return;
    }
    Current was = loops.put(channel, new Current(next, reversed));
    if (!idle.remove(channel)) {
      was.loop().stop().onFailure(err -> LOG.log(Level.WARNING, channel
          + ": closing the probe of the old direction failed: " + err.getMessage()));
    }
    next.start();
    LOG.log(Level.WARNING, channel + ": probe now reads " + (reversed
        ? "reversed: heartbeats written to the configured replica, read on the configured primary"
        : "as configured"));
  }
}
