package io.drwatch.adapter.samples;

import io.drwatch.domain.CodedFailure;
import io.drwatch.domain.FailureCode;
import io.drwatch.domain.report.ProbeErrorChange;
import io.drwatch.domain.report.RtoSpan;
import io.drwatch.domain.report.Span;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The store behind one dedicated worker thread: JDBC blocks, so it never runs on an event loop,
 * and one thread is SQLite's one writer. {@link #offer} is called from the event loop each second;
 * while a write is in flight, later seconds wait and go together in the next transaction, up to
 * {@link #MAX_PENDING} seconds, after which the oldest are dropped and counted (a stuck disk must
 * not grow the heap).
 */
public final class SampleWriter {
  public static final int MAX_PENDING = 300;
  private static final System.Logger LOG = System.getLogger(SampleWriter.class.getName());

  private final WorkerExecutor worker;
  private final SampleStore store;
  private final List<Second> pending = new ArrayList<>();
  private boolean writing;
  private long dropped;
  private long failures;

  /** What one tick offers: written together, dropped together. */
  private record Second(List<Span> samples, List<RtoSpan> rto, List<ProbeErrorChange> errors) {}

  private SampleWriter(WorkerExecutor worker, SampleStore store) {
    this.worker = worker;
    this.store = store;
  }

  /** Opens the store on the worker; fails with UNREACHABLE naming the file if it cannot. */
  public static Future<SampleWriter> open(Vertx vertx, Path stateDir) {
    WorkerExecutor worker = vertx.createSharedWorkerExecutor("drwatch-samples", 1);
    return worker.executeBlocking(() -> SampleStore.open(stateDir), false)
        .<SampleWriter>map(store -> new SampleWriter(worker, store))
        .recover(err -> {
          worker.close();
          return Future.failedFuture(CodedFailure.of(FailureCode.UNREACHABLE, "samples store "
              + SampleStore.file(stateDir) + " cannot be opened: " + err.getMessage(), null, 0,
              null, err));
        });
  }

  /** Queues one second of samples; call on one context (the sampler's). */
  public void offer(List<Span> samples, List<RtoSpan> rto) {
    offer(samples, rto, List.of());
  }

  /** {@link #offer(List, List)} with the probe error changes seen in that second. */
  public void offer(List<Span> samples, List<RtoSpan> rto, List<ProbeErrorChange> errors) {
    pending.add(new Second(samples, rto, errors));
    if (pending.size() > MAX_PENDING) {
      pending.remove(0);
      dropped++;
    }
    drain();
  }

  private void drain() {
    if (writing || pending.isEmpty()) {
      return;
    }
    Second all = takePending();
    writing = true;
    worker.executeBlocking(() -> {
      store.write(all.samples(), all.rto(), all.errors());
      return null;
    }, false).onComplete(ar -> {
      writing = false;
      if (ar.failed()) {
        failures++;
        // Evidence lost for these seconds; the report shows them as unobserved, never healthy.
        LOG.log(Level.WARNING, "samples: " + all.samples().size() + " samples not stored: "
            + ar.cause().getMessage());
      }
      drain();
    });
  }

  private Second takePending() {
    Second all = new Second(pending.stream().flatMap(s -> s.samples().stream()).toList(),
        pending.stream().flatMap(s -> s.rto().stream()).toList(),
        pending.stream().flatMap(s -> s.errors().stream()).toList());
    pending.clear();
    return all;
  }

  /** Seconds dropped because writes fell more than {@link #MAX_PENDING} seconds behind. */
  public long dropped() {
    return dropped;
  }

  /** Transactions that failed (their seconds are lost). */
  public long failures() {
    return failures;
  }

  /** True while nothing waits to be written. */
  public boolean idle() {
    return !writing && pending.isEmpty();
  }

  /** Writes what is pending (after any write in flight: the thread is FIFO), then closes. */
  public Future<Void> close() {
    Second all = takePending();
    return worker.executeBlocking(() -> {
      if (!all.samples().isEmpty() || !all.rto().isEmpty() || !all.errors().isEmpty()) {
        store.write(all.samples(), all.rto(), all.errors());
      }
      store.close();
      return (Void) null;
    }, false).eventually(worker::close);
  }
}
