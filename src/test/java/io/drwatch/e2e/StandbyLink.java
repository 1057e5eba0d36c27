package io.drwatch.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The standby's replication connection runs through this loopback TCP proxy, so the test can cut
 * the standby's upstream without touching the primary or anyone else's path to it. Both servers
 * run as the same postgres uid (the lab starts them so), so a uid rule could not cut only the
 * standby; and this proxy lives in the test JVM (root) beside ZooKeeper and the sink, so it is cut
 * here rather than by nftables.
 *
 * <p>{@link #cut()} is a silent black hole: bytes already flowing are read and dropped in both
 * directions (nothing is closed, as across a real partition), and new connections are accepted
 * and held without ever reaching the primary, so libpq's {@code connect_timeout} expires. The
 * standby notices through its {@code wal_receiver_timeout}. {@link #heal()} closes everything
 * held, so both ends reconnect fresh.
 */
final class StandbyLink implements AutoCloseable {
  private final ServerSocket server;
  private final int upstreamPort;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile boolean cut;
  private volatile boolean closed;

  StandbyLink(int upstreamPort) throws IOException {
    this.upstreamPort = upstreamPort;
    this.server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
    Thread t = new Thread(this::acceptLoop, "e2e-standby-link");
    t.setDaemon(true);
    t.start();
  }

  int port() {
    return server.getLocalPort();
  }

  void cut() {
    cut = true;
  }

  void heal() {
    cut = false;
    for (Socket s : sockets) {
      closeQuietly(s);
    }
    sockets.clear();
  }

  boolean isCut() {
    return cut;
  }

  private void acceptLoop() {
    while (!closed) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return;
      }
      sockets.add(client);
      if (cut) {
        continue; // held: accepted but never answered or forwarded
      }
      try {
        Socket up = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
        sockets.add(up);
        pump(client, up);
        pump(up, client);
      } catch (IOException e) {
        closeQuietly(client);
      }
    }
  }

  private void pump(Socket from, Socket to) {
    Thread t = new Thread(() -> {
      byte[] buf = new byte[16384];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int n;
        while ((n = in.read(buf)) >= 0) {
          if (!cut) {
            out.write(buf, 0, n);
            out.flush();
          }
        }
      } catch (IOException e) {
        // closed by heal(), close() or the other side
      } finally {
        closeQuietly(from);
        closeQuietly(to);
      }
    }, "e2e-standby-link-pump");
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
    heal();
  }
}
