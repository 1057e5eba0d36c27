package io.drwatch.bench.rpo;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;

/**
 * The application: one INSERT committed, then a 200 ms sleep, like a sleep loop does (so its
 * phase drifts against every timer). Pausable for the idle-primary scenario.
 */
final class Writer implements AutoCloseable {
  private final Vertx vertx = Vertx.vertx();
  private final Pool pool;
  private final Thread thread;
  private volatile boolean paused = true;
  private volatile boolean closed;

  private Writer(String url) {
    pool = PgBuilder.pool().connectingTo(url).using(vertx).build();
    pool.query("CREATE TABLE IF NOT EXISTS bench_writes (id bigserial PRIMARY KEY, at timestamptz)").execute()
        .await();
    thread = new Thread(this::loop, "bench-writer");
    thread.setDaemon(true);
  }

  static Writer start(String url) {
    return new Writer(url);
  }

  void start() {
    paused = false;
    thread.start();
  }

  void pause(boolean p) {
    paused = p;
  }

  private void loop() {
    while (!closed) {
      try {
        if (!paused) {
          pool.query("INSERT INTO bench_writes (at) VALUES (clock_timestamp())").execute().await();
        }
        Thread.sleep(200);
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        // the cut-link scenario keeps writing to a primary whose standby is gone: fine
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    pool.close();
    vertx.close();
  }
}
