package io.drwatch.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/architecture.md true: every class it names in backticks exists in src/main, and
 * every {@code .java} path it gives exists, so a rename that forgets the map fails the build.
 */
class ArchitectureDocTest {
  private static final Path ROOT = Path.of("").toAbsolutePath();
  private static final Path DOC = ROOT.resolve("docs/architecture.md");
  private static final Path MAIN = ROOT.resolve("src/main/java/io/drwatch");
  /** A backticked CamelCase identifier followed by nothing else: `RunLedger`, not `Foo.bar` or `Grant(h, e)`. */
  private static final Pattern CLASS = Pattern.compile("`([A-Z][a-z][A-Za-z0-9]*)`");
  private static final Pattern JAVA_PATH = Pattern.compile("`((?:src/[\\w/.-]+|[a-z][\\w/]*)/[A-Z]\\w*\\.java)`");

  @Test
  void everyClassNamedInTheArchitectureDocExists() throws IOException {
    Set<String> classes;
    try (Stream<Path> files = Files.walk(MAIN)) {
      classes = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".java"))
          .map(n -> n.substring(0, n.length() - ".java".length())).collect(Collectors.toSet());
    }
    Set<String> named = new TreeSet<>();
    Matcher m = CLASS.matcher(Files.readString(DOC));
    while (m.find()) {
      named.add(m.group(1));
    }
    assertThat(named).as("classes named in docs/architecture.md").hasSizeGreaterThan(50);
    assertThat(named).as("named in docs/architecture.md but not a class in src/main")
        .allMatch(classes::contains);
  }

  @Test
  void everyJavaPathInTheArchitectureDocExists() throws IOException {
    Set<String> missing = new TreeSet<>();
    Matcher m = JAVA_PATH.matcher(Files.readString(DOC));
    while (m.find()) {
      String path = m.group(1);
      Path file = path.startsWith("src/") ? ROOT.resolve(path) : MAIN.resolve(path);
      if (!Files.exists(file)) {
        missing.add(path);
      }
    }
    assertThat(missing).as("paths in docs/architecture.md that do not exist").isEmpty();
  }
}
