package io.drwatch.app.support;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The periodic ticks and call deadlines of many loops on one event loop, run from one Vert.x
 * timer on a 10 ms grid. With a Vert.x timer per tick and per bounded call, 10,000 channels set
 * and cancel 30,000 timers a second, and the JFR profile at that scale put the timer queue's
 * upkeep first. Here a tick or a deadline is an entry in a slot: a tick runs, and a deadline
 * fires, at most one slot after it is due, never before. Not thread-safe: one per context,
 * used from that context only ({@link #of}).
 */
public final class SlotTimer {
  static final long SLOT_MILLIS = 10;
  private static final System.Logger LOG = System.getLogger(SlotTimer.class.getName());
  private static final String KEY = SlotTimer.class.getName();

  private final Context context;
  private final Vertx vertx;
  private final LongSupplier millis;
  private Thread owner;
  private final HashMap<Long, Slot> slots = new HashMap<>();
  private long swept;
  private int entries;
  private long timerId = -1;

  // VisibleForTesting: millis is a monotonic clock seam.
  SlotTimer(Context context, LongSupplier millis) {
    this.context = context;
    this.vertx = context.owner();
    this.millis = millis;
    this.swept = slotOf(millis.getAsLong()) - 1;
    this.owner = Vertx.currentContext() == context ? Thread.currentThread() : null;
  }

  /** The slot timer of the caller's context, created on first use. */
  public static SlotTimer of(Vertx vertx) {
    Context context = vertx.getOrCreateContext();
    SlotTimer timer = context.get(KEY);
    if (timer == null) {
      timer = new SlotTimer(context, () -> System.nanoTime() / 1_000_000);
      context.put(KEY, timer);
    }
    return timer;
  }

  /**
   * Runs {@code tick} first after {@code firstDelayMillis}, then every {@code periodMillis} at a
   * fixed rate; ticks missed while the event loop was stalled are skipped, not run in a burst.
   */
  public Ticket every(long firstDelayMillis, long periodMillis, Runnable tick) {
    Ticket ticket = new Ticket(tick, Math.max(1, periodMillis), millis.getAsLong() + Math.max(0, firstDelayMillis));
    place(ticket);
    return ticket;
  }

  /** {@code call}'s future, failed with a {@link TimeoutException} if it is not complete by {@code timeout}. */
  public <T> Future<T> bound(Supplier<Future<T>> call, Duration timeout) {
    Future<T> f = Bounded.started(call);
    if (f.isComplete()) {
      return f;
    }
    Deadline<T> deadline = new Deadline<>(timeout.toMillis());
    added();
    slot(slotAtOrAfter(millis.getAsLong() + deadline.timeoutMillis)).link(deadline);
    f.onComplete(ar -> {
      if (Thread.currentThread() == owner) {
        settle(deadline, ar);
      } else { // a client that answers on another event loop: the slots belong to this one
        context.runOnContext(v -> settle(deadline, ar));
      }
    });
    return deadline.promise.future();
  }

  private <T> void settle(Deadline<T> deadline, AsyncResult<T> ar) {
    if (deadline.unlink()) {
      removed();
      deadline.promise.handle(ar);
    }
  }

  /** Ticks and pending deadlines; the Vert.x timer runs only while this is above zero. */
  public int entries() {
    return entries;
  }

  private void place(Ticket ticket) {
    added();
    slot(slotAtOrAfter(ticket.due)).tickets.add(ticket);
  }

  /** From empty, the sweep restarts at now: slots left behind hold nothing live. */
  private void added() {
    if (entries++ > 0) {
      return;
    }
    slots.clear();
    swept = slotOf(millis.getAsLong()) - 1;
    if (timerId < 0) {
      timerId = vertx.setPeriodic(SLOT_MILLIS, SLOT_MILLIS, id -> sweep());
    }
  }

  private void removed() {
    entries--;
  }

  // VisibleForTesting: the timer's handler.
  void sweep() {
    owner = Thread.currentThread();
    long now = millis.getAsLong();
    for (long s = swept + 1, last = slotOf(now); s <= last; s++) {
      swept = s;
      Slot slot = slots.remove(s);
      if (slot != null) {
        slot.expire(this::removed);
        slot.run(now, this);
      }
    }
    if (entries == 0 && timerId >= 0) {
      vertx.cancelTimer(timerId);
      timerId = -1;
    }
  }

  private void rerun(Ticket ticket, long now) {
    removed();
    if (ticket.cancelled) {
      return;
    }
    ticket.due += ticket.period * Math.max(1, (now - ticket.due) / ticket.period + 1);
    place(ticket);
  }

  private Slot slot(long slot) {
    return slots.computeIfAbsent(Math.max(slot, swept + 1), s -> new Slot());
  }

  private static long slotOf(long millis) {
    return Math.floorDiv(millis, SLOT_MILLIS);
  }

  private static long slotAtOrAfter(long millis) {
    return Math.floorDiv(millis + SLOT_MILLIS - 1, SLOT_MILLIS);
  }

  /** A periodic tick; {@link #cancel()} stops it before its next run. */
  public static final class Ticket {
    private final Runnable tick;
    private final long period;
    private long due;
    private boolean cancelled;

    private Ticket(Runnable tick, long period, long due) {
      this.tick = tick;
      this.period = period;
      this.due = due;
    }

    public void cancel() {
      cancelled = true;
    }
  }

  private static final class Slot {
    private final List<Ticket> tickets = new ArrayList<>(4);
    private final Deadline<?> head = new Deadline<>(0);

    Slot() {
      head.prev = head;
      head.next = head;
    }

    void link(Deadline<?> d) {
      d.prev = head.prev;
      d.next = head;
      head.prev.next = d;
      head.prev = d;
    }

    void expire(Runnable removed) {
      while (head.next != head) {
        Deadline<?> d = head.next;
        d.unlink();
        removed.run();
        d.promise.tryFail(new SweptTimeout(d.timeoutMillis));
      }
    }

    void run(long now, SlotTimer timer) {
      for (Ticket t : tickets) {
        if (!t.cancelled) {
          try {
            t.tick.run();
          } catch (RuntimeException e) { // one loop's bug must not stop the others' ticks
            LOG.log(Level.ERROR, "periodic tick failed", e);
          }
        }
        timer.rerun(t, now);
      }
    }
  }

  /** A pending deadline, linked into its slot until the call completes or the slot is swept. */
  private static final class Deadline<T> {
    final Promise<T> promise = Promise.promise();
    final long timeoutMillis;
    Deadline<?> prev;
    Deadline<?> next;

    Deadline(long timeoutMillis) {
      this.timeoutMillis = timeoutMillis;
    }

    boolean unlink() {
      if (prev == null) {
        return false;
      }
      prev.next = next;
      next.prev = prev;
      prev = null;
      next = null;
      return true;
    }
  }

  /** Thousands may time out together when a server stops answering: no stack traces. */
  private static final class SweptTimeout extends TimeoutException {
    SweptTimeout(long millis) {
      super("Timeout " + millis + " (ms) fired");
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  }
}
