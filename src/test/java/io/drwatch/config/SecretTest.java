package io.drwatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretTest {

  @Test
  void shouldReadFileWithoutItsTrailingNewline(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("pw"), "hunter2\n");

    assertThat(Secret.fromFile(file).value()).isEqualTo("hunter2");
  }

  @Test
  void shouldPickUpRotatedFile(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("pw"), "first");
    Secret secret = Secret.fromFile(file);

    Files.writeString(file, "second-value");
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));

    assertThat(secret.value()).isEqualTo("second-value");
  }

  @Test
  void shouldKeepLastGoodValueWhenFileEmptiedOrRemoved(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("pw"), "good");
    Secret secret = Secret.fromFile(file);

    Files.writeString(file, "");
    assertThat(secret.value()).isEqualTo("good");
    Files.delete(file);
    assertThat(secret.value()).isEqualTo("good");
  }

  @Test
  void shouldRefuseMissingOrEmptyFile(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> Secret.fromFile(dir.resolve("absent")))
        .hasMessage("no such file");
    Path empty = Files.writeString(dir.resolve("empty"), "\n");
    assertThatThrownBy(() -> Secret.fromFile(empty)).hasMessage("is empty");
  }

  @Test
  void shouldNeverPrintValue(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("pw"), "hunter2");

    assertThat(Secret.of("hunter2")).hasToString("***");
    assertThat(Secret.fromFile(file)).hasToString("***");
  }

  @Test
  void shouldLoadPasswordFileForEndpoint(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("pw"), "from-file\n");
    String yaml = """
        channels:
          - { name: a, kind: redis, primary: { url: "redis://a", passwordFile: "%s" },
              replica: { url: "redis://b" } }
        """.formatted(file);

    DrwatchConfig config = ConfigLoader.parse(yaml, k -> null);

    assertThat(config.channels().get(0).primary().orElseThrow().password().orElseThrow().value())
        .isEqualTo("from-file");
  }

  @Test
  void shouldRefuseBothPasswordAndPasswordFile(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("pw"), "x");
    String yaml = """
        channels:
          - { name: a, kind: redis, primary: { url: "redis://a", password: p, passwordFile: "%s" },
              replica: { url: "redis://b", passwordFile: "%s" } }
        """.formatted(file, dir.resolve("missing"));

    assertThatThrownBy(() -> ConfigLoader.parse(yaml, k -> null))
        .hasMessageContaining("channels[0].primary.passwordFile: give password or passwordFile, not both")
        .hasMessageContaining("channels[0].replica.passwordFile: must name a readable, non-empty file: no such file");
  }
}
