package io.drwatch.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.port.FailoverAction.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A secret param given as {@code <name>File}: read at load, never shown, read again on use. */
class SecretParamFilesTest {
  private static final ParamSchema SCHEMA = ParamSchema.of(ParamSpec.url("url").asRequired(),
      ParamSpec.string("password").asSecret(), ParamSpec.string("apiToken").asRequired().asSecret(),
      ParamSpec.string("header"));

  @TempDir
  Path dir;

  @Test
  void shouldReadTheFileAtLoadAndAgainOnUse() throws Exception {
    Path token = dir.resolve("token");
    Files.writeString(token, "t0ken-1\n");
    List<ParamError> errors = new ArrayList<>();
    Params p = SCHEMA.read("x", Map.of("url", "https://h", "apiTokenFile", token.toString()), errors);
    assertThat(errors).isEmpty();
    assertThat(p.string("apiToken")).isEqualTo("t0ken-1");
    Step step = new Step("s", Map.of("apiTokenFile", token.toString()), false);
    assertThat(step.param("apiToken")).isEqualTo("t0ken-1");
    Files.writeString(token, "t0ken-2-rotated\n");
    assertThat(step.param("apiToken")).isEqualTo("t0ken-2-rotated");
  }

  @Test
  void shouldRefuseBothFormsAMissingFileAndFileFormsOfPlainParams() throws Exception {
    Path empty = dir.resolve("empty");
    Files.writeString(empty, "\n");
    List<ParamError> errors = new ArrayList<>();
    SCHEMA.read("x", Map.of("url", "https://h", "password", "inline-pw", "passwordFile", empty.toString(),
        "apiTokenFile", dir.resolve("nope").toString(), "headerFile", "/etc/hostname"), errors);
    assertThat(errors).extracting(e -> e.param() + ": " + e.message()).containsExactlyInAnyOrder(
        "headerFile: unknown param for x; allowed: apiToken, header, password, url (a secret also as <name>File)",
        "passwordFile: give password or passwordFile, not both",
        "apiTokenFile: must name a readable, non-empty file: no such file " + dir.resolve("nope"));
    assertThat(errors.toString()).doesNotContain("inline-pw");
  }

  @Test
  void shouldRefuseAnEmptyFile() throws Exception {
    Path empty = dir.resolve("empty");
    Files.writeString(empty, "\n");
    List<ParamError> errors = new ArrayList<>();
    SCHEMA.read("x", Map.of("url", "https://h", "apiTokenFile", empty.toString()), errors);
    assertThat(errors).extracting(ParamError::message)
        .containsExactly("must name a readable, non-empty file: " + empty + " is empty");
  }
}
