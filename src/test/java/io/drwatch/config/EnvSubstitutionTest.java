package io.drwatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvSubstitutionTest {

  private static final Map<String, String> ENV = Map.of("HOST", "db1", "EMPTY", "", "PORT", "5432");

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\'',
      value = {
        "plain                | plain",
        "${HOST}              | db1",
        "a-${HOST}:${PORT}-b  | a-db1:5432-b",
        "${MISSING:-fallback} | fallback",
        "${HOST:-fallback}    | db1",
        "${EMPTY:-fallback}   | fallback",
        "${EMPTY}             | ''",
        "${MISSING:-}         | ''",
        "${MISSING:-a:-b}     | a:-b",
        "$${HOST}             | ${HOST}",
        "$HOST and $          | $HOST and $",
      })
  void shouldSubstitute(String raw, String expected) {
    EnvSubstitution.Result result = EnvSubstitution.substitute(raw, ENV::get);

    assertThat(result.ok()).isTrue();
    assertThat(result.value()).isEqualTo(expected);
  }

  @Test
  void shouldListEveryUnsetVariable() {
    EnvSubstitution.Result result = EnvSubstitution.substitute("${A}/${HOST}/${B}", ENV::get);

    assertThat(result.ok()).isFalse();
    assertThat(result.unsetVariables()).isEqualTo(List.of("A", "B"));
  }

  @Test
  void shouldRejectMalformedReferences() {
    assertThat(EnvSubstitution.substitute("x${HOST", ENV::get).malformed())
        .isEqualTo("unterminated ${ (write $${ for a literal ${)");
    assertThat(EnvSubstitution.substitute("${1X}", ENV::get).malformed())
        .isEqualTo("environment variable names must match [A-Za-z_][A-Za-z0-9_]*");
    assertThat(EnvSubstitution.substitute("${}", ENV::get).malformed()).isNotNull();
  }

  @Test
  void shouldSubstituteInsideFlowMappingsWithoutQuotes() throws Exception {
    String yaml =
        """
        http: { host: ${HOST:-0.0.0.0}, port: ${PORT}, readToken: ${TOKEN:-a,b}}
        observer: { name: obs, region: "$${literal}" }
        channels:
          - name: a
            kind: redis
            primary: { url: redis://${HOST} }
            replica: { url: "redis://b" }
        """;

    DrwatchConfig config = ConfigLoader.parse(yaml, Map.of("PORT", "9000", "HOST", "h")::get);

    assertThat(config.http()).isEqualTo(new HttpConfig("h", 9000, Optional.empty(),
        Optional.of(Secret.of("a,b")), HttpConfig.Limits.DEFAULTS));
    assertThat(config.observer().region()).isEqualTo("${literal}");
    assertThat(config.channels().get(0).primary().orElseThrow().url()).isEqualTo("redis://h:6379");
  }

  @Test
  void shouldNotLetVariableValuesChangeTheYamlStructure() throws Exception {
    String yaml = "observer: { region: ${REGION} }\n" + ConfigLoaderTest.ONE_CHANNEL;

    DrwatchConfig config = ConfigLoader.parse(yaml, Map.of("REGION", "x }\nhttp: { port: 1 ")::get);

    assertThat(config.observer().region()).isEqualTo("x }\nhttp: { port: 1 ");
    assertThat(config.http().port()).isEqualTo(9464);
  }

  @Test
  void shouldKeepYamlErrorPositionsTrueAroundReferences() {
    assertThat(ConfigErrorsTest.errorsOf("http: { readToken: ${T:-a,b}, port: [ }\n"))
        .singleElement()
        .asString()
        .startsWith("invalid YAML at line 1, column 39: ");
  }

  @Test
  void shouldSwapFlowCharactersOneForOneAndBack() {
    String yaml = "a: { b: ${X:-[,]#:} }";
    String protectedYaml = FlowSafeReferences.protect(yaml);

    assertThat(protectedYaml).hasSameSizeAs(yaml).startsWith("a: { b: $").endsWith(" }");
    assertThat(protectedYaml.substring(9, yaml.length() - 2))
        .doesNotContain("{", "}", "[", "]", ",", "#", ":");
    assertThat(FlowSafeReferences.restore(protectedYaml)).isEqualTo(yaml);
  }
}
