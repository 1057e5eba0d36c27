package io.drwatch.cli;

import io.drwatch.bootstrap.InstalledKinds;
import io.drwatch.schema.KindCatalog;
import io.drwatch.schema.KindReference;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Prints the parameter reference of every channel kind and action, generated from their
 * descriptors (markdown). {@code docs/channels.md} and {@code docs/failover-runbook.md} hold the
 * same text between their kinds markers; a test keeps them equal.
 */
@Command(name = "kinds", mixinStandardHelpOptions = true,
    description = "Print the parameter reference of every channel kind and runbook action (markdown).")
final class KindsCommand implements Callable<Integer> {

  @Option(names = "--channels", description = "only the channel kinds")
  boolean channels;

  @Option(names = "--actions", description = "only the runbook actions")
  boolean actions;

  @Override
  public Integer call() {
    System.out.print(text(InstalledKinds.catalog(), channels, actions));
    return 0;
  }

  static String text(KindCatalog catalog, boolean channelsOnly, boolean actionsOnly) {
    boolean both = channelsOnly == actionsOnly;
    StringBuilder out = new StringBuilder();
    if (both || channelsOnly) {
      out.append(both ? "## Channel kinds\n\n" : "").append(KindReference.channels(catalog));
    }
    if (both) {
      out.append("\n");
    }
    if (both || actionsOnly) {
      out.append(both ? "## Actions\n\n" : "").append(KindReference.actions(catalog));
    }
    return out.toString();
  }
}
