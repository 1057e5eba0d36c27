package io.drwatch.artefacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfile, read as text: no Docker engine runs here, so the image itself is not built in
 * tests. What is checked is what an image scanner and an orchestrator read from it.
 */
class DockerfileTest {
  private static final String TEXT = read();

  private static String read() {
    try {
      return Files.readString(Path.of("Dockerfile"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String instructions() {
    // Comments may mention anything; only instructions count.
    return TEXT.lines().filter(l -> !l.stripLeading().startsWith("#")).reduce("", (a, b) -> a + b + "\n");
  }

  @Test
  void carriesTheOciLabels() {
    for (String label : new String[] {"title", "description", "version", "revision", "base.name"}) {
      assertThat(instructions()).contains("org.opencontainers.image." + label + "=");
    }
  }

  @Test
  void healthcheckUsesTheDrwatchHealthCommandAndNoCurl() {
    Matcher m = Pattern.compile("(?m)^HEALTHCHECK .*\\\\\\n\\s*CMD (\\[.*])$").matcher(TEXT);
    assertThat(m.find()).as("a HEALTHCHECK with an exec-form CMD").isTrue();
    assertThat(m.group(1)).contains("\"-jar\", \"/opt/drwatch/drwatch.jar\", \"health\"");
    assertThat(instructions()).doesNotContainPattern("(?i)\\b(curl|wget)\\b");
  }

  @Test
  void onlyTheStateDirectoryIsAVolume() {
    Matcher m = Pattern.compile("(?m)^VOLUME\\s+\\[(.*)]\\s*$").matcher(TEXT);
    assertThat(m.find()).isTrue();
    assertThat(m.group(1).trim()).isEqualTo("\"/var/lib/drwatch\"");
    assertThat(m.find()).as("a second VOLUME").isFalse();
  }
}
