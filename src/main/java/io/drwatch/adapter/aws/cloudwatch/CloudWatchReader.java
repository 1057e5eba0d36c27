package io.drwatch.adapter.aws.cloudwatch;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;

/**
 * Every channel's CloudWatch metrics in one region, read with one GetMetricData call per interval
 * (more only beyond 500 queries). GetMetricData is billed per metric requested, so batching saves
 * API calls and throttling, not money; asking for a metric once however many channels use it
 * saves both.
 *
 * <p>Channels {@link #register} queries (from any thread) and read the newest datapoint from the
 * cache with {@link #latest}. The timer starts on the context of the first read, and polls run
 * and update the cache on that context. The window is the last {@code windowPeriods} periods: a
 * metric with no datapoint in it is missing, and a datapoint keeps its own timestamp so readers
 * can see it age. A failed poll keeps the previous datapoints (they age) and is reported with them.
 */
public final class CloudWatchReader implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(CloudWatchReader.class.getName());

  private final Vertx vertx;
  private final CloudWatchAsyncClient client;
  private final String region;
  private final Duration interval;
  private final int windowPeriods;
  private final Clock clock;
  private final Map<MetricQuery, Slot> slots = new ConcurrentHashMap<>();
  private final Map<String, Datapoint> newest = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private Context context;
  private long timerId = -1;
  private Future<Void> inFlight;
  private Promise<Void> firstPoll;
  private volatile String lastError = "";

  private record Slot(String id, int refs) {}

  public CloudWatchReader(Vertx vertx, CloudWatchAsyncClient client, String region, Duration interval,
      int windowPeriods, Clock clock) {
    if (interval.toMillis() < 1 || windowPeriods < 1) {
      throw new IllegalArgumentException("interval and windowPeriods must be positive");
    }
    this.vertx = vertx;
    this.client = client;
    this.region = region;
    this.interval = interval;
    this.windowPeriods = windowPeriods;
    this.clock = clock;
  }

  /** Adds {@code query} to every poll from the next one on, until {@link #unregister}. */
  public void register(MetricQuery query) {
    slots.compute(query, (q, s) -> s == null ? new Slot("m" + ids.incrementAndGet(), 1) : new Slot(s.id(), s.refs() + 1));
  }

  /** Undoes one {@link #register}; the query leaves the polls when nobody reads it any more. */
  public void unregister(MetricQuery query) {
    Slot left = slots.computeIfPresent(query, (q, s) -> s.refs() <= 1 ? null : new Slot(s.id(), s.refs() - 1));
    if (left == null) {
      newest.keySet().retainAll(slots.values().stream().map(Slot::id).toList());
    }
  }

  /**
   * The newest datapoint of a registered query as of the last poll, or empty when it had none in
   * the window (missing, never 0). The first read starts the timer and waits for the first poll.
   */
  public Future<Optional<Datapoint>> latest(MetricQuery query) {
    Future<Void> ready = ensureStarted(Vertx.currentContext() != null ? Vertx.currentContext() : vertx.getOrCreateContext());
    return ready.map(v -> {
      Slot slot = slots.get(query);
      return slot == null ? Optional.<Datapoint>empty() : Optional.ofNullable(newest.get(slot.id()));
    });
  }

  /**
   * The metrics of {@code namespace} in this region that carry all of {@code dimensions} (any others
   * too), as {@code ListMetrics} knows them: for channels whose metric name or dimension set varies
   * by engine version or account. Not billed per metric like a read; call it rarely all the same.
   */
  public Future<List<MetricQuery.Found>> list(String namespace, Map<String, String> dimensions) {
    Context ctx = Vertx.currentContext() != null ? Vertx.currentContext() : vertx.getOrCreateContext();
    return MetricListing.list(client, ctx, region, namespace, dimensions);
  }

  /** Why the last poll failed, or empty if it succeeded. */
  public String lastError() {
    return lastError;
  }

  /** Distinct queries per poll: what GetMetricData bills per interval. */
  public int queryCount() {
    return slots.size();
  }

  public Duration interval() {
    return interval;
  }

  public String region() {
    return region;
  }

  private synchronized Future<Void> ensureStarted(Context ctx) {
    if (context == null) {
      context = ctx;
      firstPoll = Promise.promise();
      ctx.runOnContext(v -> {
        poll().onComplete(r -> firstPoll.tryComplete());
        timerId = vertx.setPeriodic(interval.toMillis(), interval.toMillis(), id -> poll());
      });
    }
    return firstPoll.future();
  }

  /**
   * One poll of every registered query: at most 500 per request, the requests concurrently. A poll
   * still running when the timer fires makes that tick a skip. Runs on the reader's context.
   */
  Future<Void> poll() {
    if (inFlight != null && !inFlight.isComplete()) {
      return inFlight;
    }
    Map<String, MetricQuery> queries = new LinkedHashMap<>();
    long maxPeriod = 60;
    for (Map.Entry<MetricQuery, Slot> e : slots.entrySet()) {
      queries.put(e.getValue().id(), e.getKey());
      maxPeriod = Math.max(maxPeriod, e.getKey().period().getSeconds());
    }
    if (queries.isEmpty()) {
      return Future.succeededFuture();
    }
    // Aligned to the period: CloudWatch buckets from StartTime, and aligned buckets are the metric's own minutes.
    long nowSec = clock.instant().getEpochSecond();
    Instant end = Instant.ofEpochSecond(nowSec - nowSec % maxPeriod + maxPeriod);
    Instant start = end.minusSeconds(maxPeriod * windowPeriods);
    MetricBatch batch = MetricBatch.of(client, context, region);
    // One request after the other: the TPS quota is per account and region, and one failing
    // request must not lose the others' results (each chunk stores its own).
    List<String> errors = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (Map<String, MetricQuery> chunk : MetricBatch.split(queries)) {
      chain = chain.compose(v -> batch.fetch(chunk, start, end).map(found -> store(chunk, found))
          .recover(err -> {
            errors.add(err.getMessage());
            return Future.succeededFuture();
          }));
    }
    inFlight = chain.compose(v -> errors.isEmpty() ? Future.<Void>succeededFuture()
        : Future.<Void>failedFuture(String.join("; ", errors))).andThen(r -> {
      lastError = r.failed() ? r.cause().getMessage() : "";
      if (r.failed()) {
        LOG.log(Level.WARNING, "CloudWatch poll in {0} failed; keeping older datapoints: {1}", region, lastError);
      }
    }).recover(err -> Future.succeededFuture());
    return inFlight;
  }

  private Void store(Map<String, MetricQuery> chunk, Map<String, Datapoint> found) {
    for (String id : chunk.keySet()) {
      Datapoint d = found.get(id);
      if (d == null) {
        newest.remove(id);
      } else {
        newest.put(id, d);
      }
    }
    return null;
  }

  @Override
  public synchronized void close() {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
      timerId = -1;
    }
    client.close();
  }
}
