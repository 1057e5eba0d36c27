package io.drwatch.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;

/**
 * A loopback TCP proxy that delivers upstream-to-client bytes {@code delay} late, in order. Put
 * between a Redis replica and its primary it makes real replication lag with a known size: the
 * ground truth the RPO estimate is checked against. Blocking threads, test side only.
 */
public final class DelayProxy implements AutoCloseable {
  private final ServerSocket server;
  private final int upstreamPort;
  private volatile long delayNanos;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();

  public DelayProxy(int upstreamPort, java.time.Duration delay) throws IOException {
    this.upstreamPort = upstreamPort;
    this.delayNanos = delay.toNanos();
    this.server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
    daemon("proxy-accept", this::acceptLoop);
  }

  public int port() {
    return server.getLocalPort();
  }

  public void setDelay(java.time.Duration delay) {
    delayNanos = delay.toNanos();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
        sockets.add(client);
        sockets.add(upstream);
        daemon("proxy-up", () -> pump(client, upstream, false));
        daemon("proxy-down", () -> pump(upstream, client, true));
      } catch (IOException e) {
        return;
      }
    }
  }

  private record Chunk(byte[] bytes, long dueNanos) implements Delayed {
    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed o) {
      return Long.compare(dueNanos, ((Chunk) o).dueNanos);
    }
  }

  private void pump(Socket from, Socket to, boolean delayed) {
    DelayQueue<Chunk> queue = new DelayQueue<>();
    if (delayed) {
      daemon("proxy-release", () -> release(queue, to));
    }
    byte[] buf = new byte[16384];
    try (InputStream in = from.getInputStream()) {
      OutputStream out = to.getOutputStream();
      for (int n; (n = in.read(buf)) >= 0; ) {
        if (delayed) {
          queue.add(new Chunk(Arrays.copyOf(buf, n), System.nanoTime() + delayNanos));
        } else {
          out.write(buf, 0, n);
        }
      }
    } catch (IOException ignored) {
      // a closed socket ends the pump
    } finally {
      closeQuietly(to);
    }
  }

  // Chunks are due in arrival order because the delay is the same for all of them.
  private static void release(DelayQueue<Chunk> queue, Socket to) {
    try {
      OutputStream out = to.getOutputStream();
      while (!to.isClosed()) {
        out.write(queue.take().bytes());
      }
    } catch (IOException | InterruptedException ignored) {
      // the connection or the test is over
    }
  }

  private static void daemon(String name, Runnable r) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // nothing left to do
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    sockets.forEach(DelayProxy::closeQuietly);
  }
}
