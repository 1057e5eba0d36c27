package io.drwatch.cli;

import io.drwatch.bootstrap.LocalRearm;
import picocli.CommandLine.Option;

/** {@code --operator}, mixed into the commands an operator signs for the journal. */
final class OperatorOption {

  @Option(names = "--operator", paramLabel = "NAME", defaultValue = "${env:USER:-operator}",
      description = "Who does it, for the journal. Default: $USER")
  String operator;

  /** The name as the journal takes it; {@code operator} when nothing of it is left. */
  String name() {
    String name = LocalRearm.operator(operator);
    return name.isEmpty() ? "operator" : name;
  }
}
