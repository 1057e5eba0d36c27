package io.drwatch.adapter.tcp;

import io.drwatch.adapter.support.TargetChecks;
import io.drwatch.port.TargetProbe;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Liveness by TCP connect: the target is up when it completes a handshake within the timeout. The
 * socket is closed at once; nothing is sent. Every check opens its own connection, so a hung
 * socket from an earlier check cannot affect a later one.
 */
public record TcpTargetProbe(NetClient client, SocketAddress address, Duration timeout) implements TargetProbe {

  /**
   * @param hostPort {@code host:port}, or {@code [v6-address]:port}
   * @param timeout bounds the connect and the whole check; positive
   * @throws IllegalArgumentException when {@code hostPort} or {@code timeout} is malformed
   */
  public static TcpTargetProbe create(Vertx vertx, String hostPort, Duration timeout) {
    SocketAddress address = parse(hostPort);
    TargetChecks.positive(timeout);
    NetClientOptions options = new NetClientOptions()
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    return new TcpTargetProbe(vertx.createNetClient(options), address, timeout);
  }

  static SocketAddress parse(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    if (colon <= 0 || colon == hostPort.length() - 1) {
      throw new IllegalArgumentException("expected host:port, but was \"" + hostPort + "\"");
    }
    String host = hostPort.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      throw new IllegalArgumentException(
          "an IPv6 address needs brackets, e.g. [::1]:5432, but was \"" + hostPort + "\"");
    }
    int port;
    try {
      port = Integer.parseInt(hostPort.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("port must be a number, but was \"" + hostPort + "\"");
    }
    if (host.isBlank() || port < 1 || port > 65535) {
      throw new IllegalArgumentException("expected host:port with port 1-65535, but was \""
          + hostPort + "\"");
    }
    return SocketAddress.inetSocketAddress(port, host);
  }

  @Override
  public Future<Void> check() {
    // The close hangs off the connect itself, so a connection that completes after our timeout
    // is still closed.
    return TargetChecks.worded(client.connect(address)
        .compose(NetSocket::close)
        .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS),
        this::reason);
  }

  String reason(Throwable err) {
    // Our timeout and the connect timeout have the same length; either may fire first.
    return TargetChecks.reason(err, "no connection", timeout);
  }

  @Override
  public Future<Void> close() {
    return client.close();
  }

  @Override
  public String toString() {
    return "tcp " + address;
  }
}
