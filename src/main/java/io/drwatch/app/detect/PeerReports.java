package io.drwatch.app.detect;

import io.drwatch.domain.detect.ObserverReport;
import io.drwatch.port.VoteExchange;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Polls the vote exchange on a timer and keeps each peer's newest report per target, so the
 * decision tick reads a snapshot and never waits on the network. While the decision waits on a
 * peer's word ({@link #prompt}) it also asks at once and then at the faster {@code prompt} cadence,
 * for at most {@link #PROMPT_FOR} per episode: an observer in the minority (its peers do not agree,
 * perhaps never) falls back to the steady cadence rather than asking several times a second for
 * as long as it suspects.
 */
public final class PeerReports {
  private static final System.Logger LOG = System.getLogger(PeerReports.class.getName());
  /** How long one prompted episode asks at the fast cadence: longer than any peer's time to suspect. */
  static final Duration PROMPT_FOR = Duration.ofSeconds(10);

  private final Vertx vertx;
  private final VoteExchange exchange;
  private final Duration every;
  private final Duration promptEvery;
  private final Duration promptFor;
  private final Map<String, ObserverReport> newest = new HashMap<>();
  private long timerId = -1;
  private long promptTimer = -1;
  private boolean promptWanted;
  private long promptPollsLeft;
  private boolean inFlight;
  private boolean again;
  private String lastFailure;
  private Runnable onChange = () -> { };

  public PeerReports(Vertx vertx, VoteExchange exchange, Duration every) {
    this(vertx, exchange, every, every);
  }

  /**
   * @param every the steady cadence
   * @param prompt the cadence while {@link #prompt prompted}, e.g. half the fastest target probe
   *     interval: a peer's suspicion flips at most once per interval
   */
  public PeerReports(Vertx vertx, VoteExchange exchange, Duration every, Duration prompt) {
    this(vertx, exchange, every, prompt, PROMPT_FOR);
  }

  // VisibleForTesting: a short episode.
  PeerReports(Vertx vertx, VoteExchange exchange, Duration every, Duration prompt, Duration promptFor) {
    this.promptFor = promptFor;
    this.vertx = vertx;
    this.exchange = exchange;
    this.every = every;
    this.promptEvery = prompt;
  }

  /** Called when a peer's suspicion of some target flips (or a peer first reports). */
  public void onChange(Runnable listener) {
    this.onChange = listener;
  }

  public void start() {
    timerId = vertx.setPeriodic(0, every.toMillis(), id -> poll());
  }

  public Future<Void> stop() {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
      timerId = -1;
    }
    prompt(false);
    return exchange.close();
  }

  /**
   * True: ask now, then every {@code prompt} until false. Called on the decision loop's context
   * after every round, so it must be cheap when nothing changes.
   */
  public void prompt(boolean on) {
    if (on && !promptWanted && timerId >= 0) {
      promptWanted = true;
      promptPollsLeft = Math.max(1, promptFor.toMillis() / Math.max(1, promptEvery.toMillis()));
      promptTimer = vertx.setPeriodic(promptEvery.toMillis(), id -> promptedPoll());
      poll();
    } else if (!on) {
      promptWanted = false;
      cancelPrompt();
    }
  }

  private void promptedPoll() {
    if (--promptPollsLeft <= 0) {
      cancelPrompt(); // still wanted: no new episode until the round stops waiting
    }
    poll();
  }

  private void cancelPrompt() {
    if (promptTimer >= 0) {
      vertx.cancelTimer(promptTimer);
      promptTimer = -1;
    }
  }

  /** Whether the faster cadence runs. */
  public boolean prompted() {
    return promptTimer >= 0;
  }

  /** Every peer report held, fresh or not: freshness is the tally's judgement. */
  public synchronized List<ObserverReport> reports() {
    return new ArrayList<>(newest.values());
  }

  private void poll() {
    if (inFlight) {
      // An answer on its way may predate what we now wait for: ask once more when it is in.
      again |= promptTimer >= 0;
      return;
    }
    inFlight = true;
    exchange.fetch()
        .timeout(every.toMillis() * 2, TimeUnit.MILLISECONDS)
        .onSuccess(this::store)
        .onFailure(err -> {
          if (!String.valueOf(err.getMessage()).equals(lastFailure)) {
            lastFailure = String.valueOf(err.getMessage());
            LOG.log(Level.WARNING, "peer poll failed: " + lastFailure);
          }
        })
        .onComplete(ar -> {
          inFlight = false;
          if (again) {
            again = false;
            poll();
          }
        });
  }

  private void store(List<ObserverReport> reports) {
    boolean changed = false;
    synchronized (this) {
      for (ObserverReport r : reports) {
        ObserverReport before = newest.get(key(r));
        if (before == null || before.suspected() != r.suspected()) {
          changed = true;
        }
        newest.merge(key(r), r, (a, b) -> b.seenAt().isAfter(a.seenAt()) ? b : a);
      }
    }
    if (changed) {
      onChange.run();
    }
  }

  private static String key(ObserverReport r) {
    return r.observer() + "\u0000" + r.target();
  }
}
