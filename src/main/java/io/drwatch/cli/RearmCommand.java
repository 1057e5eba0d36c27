package io.drwatch.cli;

import io.drwatch.bootstrap.LocalRearm;
import io.drwatch.config.DrwatchConfig;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Re-arms automatic failover after a successful one. Through the running daemon when one answers
 * on the configured port (it journals, cluster-wide with ZooKeeper); otherwise it writes the
 * {@code rearmed} record itself, under the state-dir lock, to the journal the daemon will read.
 */
@Command(name = "rearm",
    description = "Re-arm automatic failover after a successful failover (journaled with who did it).")
final class RearmCommand extends RunbookCommand {

  @Override
  String verb() {
    return "re-arm";
  }

  @Mixin
  OperatorOption operator;

  @Override
  int run(DrwatchConfig cfg) throws Exception {
    String name = operator.name();
    Optional<Integer> answered = RearmClient.post(cfg, name);
    return answered.isPresent() ? answered.get() : rearmHere(cfg, name
        + "@" + java.net.InetAddress.getLocalHost().getHostName() + " (drwatch rearm)");
  }

  private static int rearmHere(DrwatchConfig cfg, String by) throws Exception {
    Optional<String> lifted = LocalRearm.rearm(cfg, by);
    if (lifted.isEmpty()) {
      System.out.println("automatic failover is armed already; nothing to do");
    } else {
      System.out.println("re-armed automatic failover (was: " + lifted.get() + "), journaled as " + by);
    }
    return 0;
  }
}
