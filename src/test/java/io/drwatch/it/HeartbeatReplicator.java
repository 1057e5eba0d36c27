package io.drwatch.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The test's stand-in for cross-cluster replication of one document (the CCR plugin is not
 * available here): polls the leader's copy every {@value #POLL_MS} ms and writes each new version
 * to the follower once it is {@code delay} old, so the follower lags by a known amount. Stopping it
 * freezes the follower's copy, as a stalled replication would.
 */
final class HeartbeatReplicator implements AutoCloseable {
  static final long POLL_MS = 50;
  private static final Pattern SOURCE = Pattern.compile("\"_source\"\\s*:\\s*(\\{[^}]*})");

  private record Pending(String source, long dueNanos) {}

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final String leaderDoc;
  private final String followerDoc;
  private final Thread thread;
  private final Deque<Pending> pending = new ArrayDeque<>();
  private volatile Duration delay;
  private volatile boolean copying = true;
  private volatile boolean closed;
  private String lastSeen = "";

  HeartbeatReplicator(String leaderUrl, String followerUrl, String docPath, Duration delay) {
    this.leaderDoc = leaderUrl + docPath;
    this.followerDoc = followerUrl + docPath;
    this.delay = delay;
    this.thread = new Thread(this::loop, "heartbeat-replicator");
    thread.setDaemon(true);
    thread.start();
  }

  void setDelay(Duration d) {
    delay = d;
  }

  /** Stops (false) or resumes (true) copying; a stopped replicator also forgets what it had queued. */
  void setCopying(boolean on) {
    copying = on;
  }

  private void loop() {
    while (!closed) {
      try {
        step();
      } catch (IOException e) {
        // a node restarting; try again next poll
      } catch (InterruptedException e) {
        return;
      }
      try {
        Thread.sleep(POLL_MS); // the replicator's own pace, not a test assertion
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void step() throws IOException, InterruptedException {
    if (!copying) {
      synchronized (pending) {
        pending.clear();
      }
      return;
    }
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(leaderDoc)).timeout(Duration.ofSeconds(2))
        .build(), HttpResponse.BodyHandlers.ofString());
    Matcher m = SOURCE.matcher(r.body());
    if (r.statusCode() == 200 && m.find() && !m.group(1).equals(lastSeen)) {
      lastSeen = m.group(1);
      pending.add(new Pending(lastSeen, System.nanoTime() + delay.toNanos()));
    }
    while (!pending.isEmpty() && pending.peek().dueNanos() <= System.nanoTime()) {
      Pending p = pending.poll();
      http.send(HttpRequest.newBuilder(URI.create(followerDoc)).timeout(Duration.ofSeconds(2))
          .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(p.source())).build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }

  @Override
  public void close() throws InterruptedException {
    closed = true;
    thread.interrupt();
    thread.join(5000);
  }
}
