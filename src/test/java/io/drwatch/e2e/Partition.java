package io.drwatch.e2e;

import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Cuts one observer off on loopback with nftables, keyed on its uid ({@code meta skuid}): its own
 * outgoing TCP is dropped except to the ports it may still reach, and the other observers' packets
 * to its HTTP port are dropped too (on loopback both ends' packets are local output, so each side
 * is cut at its sender). Drops, not rejects: connects time out as across a real partition, and
 * established connections (pooled HTTP, the ZooKeeper session, pg sessions) go silent.
 *
 * <p>One table, {@value #TABLE}; {@link #heal()} deletes it, and a JVM shutdown hook does too.
 */
final class Partition implements AutoCloseable {
  static final String TABLE = "drwatch_e2e";
  private static volatile boolean hook;

  private final E2eUser isolated;
  private final int isolatedHttpPort;
  private final List<Integer> allowedPorts;
  private final List<E2eUser> others;
  private boolean active;

  /**
   * @param isolated the observer to cut off
   * @param isolatedHttpPort its HTTP port, which {@code others} must no longer reach
   * @param allowedPorts the only ports {@code isolated} may still connect to (e.g. the standby)
   */
  Partition(E2eUser isolated, int isolatedHttpPort, List<Integer> allowedPorts, List<E2eUser> others) {
    this.isolated = isolated;
    this.isolatedHttpPort = isolatedHttpPort;
    this.allowedPorts = List.copyOf(allowedPorts);
    this.others = List.copyOf(others);
    installHook();
  }

  String ruleset() {
    String allowed = allowedPorts.stream().map(String::valueOf).collect(Collectors.joining(", "));
    String peers = others.stream().map(u -> String.valueOf(u.uid())).collect(Collectors.joining(", "));
    int uid = isolated.uid();
    return """
        table inet %1$s {
          chain out {
            type filter hook output priority 0; policy accept;
            oifname "lo" meta skuid %2$d tcp sport %3$d accept comment "answers to the test's own scrapes"
            oifname "lo" meta skuid %2$d tcp dport { %4$s } accept comment "the only peers it may reach"
            oifname "lo" meta skuid %2$d meta l4proto tcp drop comment "primary, peers, ZooKeeper, sink"
            oifname "lo" meta skuid { %5$s } tcp dport %3$d drop comment "peers polling it"
          }
        }
        """.formatted(TABLE, uid, isolatedHttpPort, allowed, peers);
  }

  synchronized void cut() throws IOException {
    deleteTable();
    Sh.Result r = Sh.run(List.of("nft", "-f", "-"), ruleset(), 10_000);
    if (r.exit() != 0) {
      throw new IOException("nft -f failed (" + r.exit() + "): " + r.out() + "\n" + ruleset());
    }
    active = true;
  }

  synchronized void heal() throws IOException {
    deleteTable();
    active = false;
  }

  synchronized boolean active() {
    return active;
  }

  static String listTable() throws IOException {
    return Sh.run(List.of("nft", "list", "table", "inet", TABLE), null, 10_000).out();
  }

  static boolean exists() throws IOException {
    return Sh.run(List.of("nft", "list", "table", "inet", TABLE), null, 10_000).exit() == 0;
  }

  /** Idempotent: absent is fine. */
  static void deleteTable() throws IOException {
    Sh.Result r = Sh.run(List.of("nft", "list", "table", "inet", TABLE), null, 10_000);
    if (r.exit() == 0) {
      Sh.check("nft", "delete", "table", "inet", TABLE);
    }
  }

  private static synchronized void installHook() {
    if (!hook) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          deleteTable();
        } catch (IOException e) {
          System.err.println("e2e: could not delete nft table " + TABLE + ": " + e);
        }
      }, "drwatch-e2e-nft-cleanup"));
      hook = true;
    }
  }

  @Override
  public void close() throws IOException {
    heal();
  }
}
