package io.drwatch.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.drwatch.bootstrap.AuditEvidence;
import io.drwatch.config.DrwatchConfig;
import io.drwatch.domain.CodedFailure;
import io.drwatch.domain.FailureCode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Writes the audit report to stdout. Reads the samples store and the journals without any lock,
 * so it runs beside the daemon; the store must exist (the daemon creates it).
 */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Write the audit report (RPO and conditions over time, runs against the "
        + "objectives, projected RTO) to stdout.")
final class ReportCommand implements Callable<Integer> {
  /** Exit code when the store is missing or unreadable. */
  static final int UNAVAILABLE = 1;

  @Option(names = "--config", required = true, paramLabel = "FILE")
  Path config;

  @Option(names = "--since", paramLabel = "AGE", defaultValue = "30d",
      description = "How far back: a number and s, m, h, d or w (at most 730d). Default: ${DEFAULT-VALUE}")
  String since;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "html",
      description = "html (one self-contained file with charts), json or csv. Default: ${DEFAULT-VALUE}")
  String format;

  // VisibleForTesting: where the report goes.
  PrintStream out = System.out;
  PrintStream err = System.err;

  @Override
  public Integer call() throws Exception {
    Optional<DrwatchConfig> cfg = CheckConfigCommand.loadValid(config);
    if (cfg.isEmpty()) {
      return CheckConfigCommand.INVALID;
    }
    String text;
    try {
      text = AuditEvidence.render(cfg.get(), since, format);
    } catch (CodedFailure e) {
      err.println("drwatch report: " + e.getMessage());
      return e.code() == FailureCode.BAD_PARAMS ? CheckConfigCommand.INVALID : UNAVAILABLE;
    }
    // Bytes, not println: the platform charset may not hold the report's dashes and symbols.
    out.write(text.getBytes(UTF_8));
    out.flush();
    return 0;
  }
}
