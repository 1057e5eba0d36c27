package io.drwatch.testkit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * External programs the tests run (promtool, prometheus, chromium, cfn-lint, moto). A missing one
 * skips its test on a developer's machine, with the install step in the reason; under
 * {@code CI=true} it fails the test instead, so that CI never passes by skipping.
 */
public final class Tools {
  /** The command that installs every tool the tests need. */
  public static final String INSTALL_STEP = "bash scripts/install-deps.sh";
  /** Where scripts/install-deps.sh puts the Python tools (moto, cfn-lint) it had to install. */
  public static final Path PYTHON_TOOLS = Path.of(System.getenv().getOrDefault("DRWATCH_TOOLS_VENV",
      System.getProperty("user.home") + "/.local/share/drwatch/tools"));

  private Tools() {}

  /** True when this is a CI run, where a missing tool is an error of the run's set-up. */
  public static boolean ci() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /**
   * Passes if {@code present}; otherwise skips, or under CI=true fails, naming {@code what} and
   * where it comes from ({@code source}, e.g. "Debian package prometheus").
   */
  public static void require(boolean present, String what, String source) {
    if (present) {
      return;
    }
    String why = what + " is not installed (" + source + "); " + INSTALL_STEP + " installs it";
    if (ci()) {
      throw new AssertionError("CI=true and " + why + ": the test command, scripts/test.sh, runs it first,"
          + " so that step failed or was skipped");
    }
    Assumptions.abort(why + ". Skipped here; under CI=true this test fails.");
  }

  /** {@code command} on the PATH, or in the Python tools venv. */
  public static Optional<Path> find(String command) {
    String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
    return Stream.concat(Stream.of(path.split(File.pathSeparator)).filter(d -> !d.isEmpty()).map(Path::of),
            Stream.of(PYTHON_TOOLS.resolve("bin")))
        .map(dir -> dir.resolve(command)).filter(Files::isExecutable).findFirst();
  }

  /** The cfn-lint to run; skips or fails (see {@link #require}) when there is none. */
  public static String cfnLint() {
    Optional<Path> found = find("cfn-lint");
    require(found.isPresent(), "cfn-lint", "PyPI package cfn-lint");
    return found.get().toString();
  }
}
