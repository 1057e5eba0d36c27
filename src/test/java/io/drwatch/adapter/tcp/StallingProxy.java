package io.drwatch.adapter.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP proxy that can turn into a black hole. {@link #stall()} makes every connection,
 * open or new, swallow bytes without forwarding them: the client stays connected and hears
 * nothing, as behind a dead NAT entry or an address that moved away after a failover.
 * {@link #heal()} lets new connections through again while the ones stalled before stay stalled
 * for good, which is what poisons a client that keeps reusing an old connection. Blocking
 * threads, test side only.
 */
public final class StallingProxy implements AutoCloseable {
  private final ServerSocket server;
  private final int upstreamPort;
  private final List<Link> links = new CopyOnWriteArrayList<>();
  private volatile boolean stalled;

  public StallingProxy(int upstreamPort) throws IOException {
    this.upstreamPort = upstreamPort;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    daemon("stall-proxy-accept", this::acceptLoop);
  }

  public int port() {
    return server.getLocalPort();
  }

  /** From now on nothing is forwarded, on open connections and on new ones. */
  public void stall() {
    stalled = true;
    links.forEach(l -> l.stalled = true);
  }

  /** New connections are forwarded again; connections stalled before stay stalled. */
  public void heal() {
    stalled = false;
  }

  /** Connections whose client has not hung up yet, stalled ones included. */
  public long openClientConnections() {
    return links.stream().filter(l -> !l.clientGone).count();
  }

  private static final class Link {
    final Socket client;
    volatile Socket upstream;
    volatile boolean stalled;
    volatile boolean clientGone;

    Link(Socket client, boolean stalled) {
      this.client = client;
      this.stalled = stalled;
    }

    void close() {
      closeQuietly(client);
      closeQuietly(upstream);
    }
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return;
      }
      Link link = new Link(client, stalled);
      links.add(link);
      if (link.stalled) {
        daemon("stall-proxy-sink", () -> pump(link, client, null));
        continue;
      }
      try {
        link.upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
      } catch (IOException e) {
        link.close(); // upstream down: the client sees the connection close, like a refused connect
        continue;
      }
      daemon("stall-proxy-up", () -> pump(link, client, link.upstream));
      daemon("stall-proxy-down", () -> pump(link, link.upstream, client));
    }
  }

  /** Copies from {@code from} to {@code to} until either side closes; a stalled link drops bytes. */
  private static void pump(Link link, Socket from, Socket to) {
    byte[] buf = new byte[8192];
    try (InputStream in = from.getInputStream()) {
      OutputStream out = to == null ? null : to.getOutputStream();
      int n;
      while ((n = in.read(buf)) >= 0) {
        if (!link.stalled && out != null) {
          out.write(buf, 0, n);
          out.flush();
        }
      }
    } catch (IOException e) {
      // closed from either side
    }
    if (from == link.client) {
      link.clientGone = true;
    }
    if (!link.stalled) {
      link.close();
    }
  }

  private static void daemon(String name, Runnable r) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(Socket s) {
    if (s != null) {
      try {
        s.close();
      } catch (IOException ignored) {
        // best effort
      }
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    links.forEach(Link::close);
  }
}
