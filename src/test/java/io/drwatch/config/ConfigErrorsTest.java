package io.drwatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ConfigErrorsTest {

  private static final String PG_CHANNEL =
      """
        - name: orders-db
          kind: postgres
          primary: { url: "postgresql://drwatch@10.0.0.5:5432/app" }
          replica: { url: "postgresql://drwatch@10.1.0.5:5432/app" }
      """;

  private static final String REDIS_CHANNEL =
      """
        - name: cache
          kind: redis
          primary: { url: "redis://10.0.0.7:6379" }
          replica: { url: "redis://10.1.0.7:6379" }
      """;

  static List<String> errorsOf(String yaml) {
    return errorsOf(yaml, name -> null);
  }

  static List<String> errorsOf(String yaml, Function<String, String> env) {
    ConfigException e =
        catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse(yaml, env));
    assertThat(e).as("expected a ConfigException").isNotNull();
    assertThat(e.getMessage()).isEqualTo(String.join("\n", e.errors()));
    return e.errors();
  }

  @Test
  void shouldRejectUnknownKeyNamingTheAllowedOnes() {
    String yaml = "channels:\n" + PG_CHANNEL + REDIS_CHANNEL + "    heartbeat: { intervall: 1s }\n";

    assertThat(errorsOf(yaml))
        .containsExactly(
            "channels[1].heartbeat.intervall: unknown key"
                + " (allowed: interval, timeout, table, key, stallIntervals)");
  }

  @Test
  void shouldRejectUnknownTopLevelSectionsNamingTheAllowedOnes() {
    assertThat(errorsOf("detection: {}\nstate: {}\nrunbooks: {}\nchannels:\n" + PG_CHANNEL))
        .containsExactly(
            "runbooks: unknown key (allowed: observer, http, objectives, channels, detection,"
                + " state, runbook, coordination, log)");
  }

  @Test
  void shouldRejectDurationsOutOfRange() {
    String yaml =
        "objectives: { rpo: -1ms }\nchannels:\n"
            + PG_CHANNEL
            + REDIS_CHANNEL
            + "    heartbeat: { interval: -1s, timeout: 0s }\n";

    assertThat(errorsOf(yaml))
        .containsExactly(
            "objectives.rpo: must be >= 0, was -1ms",
            "channels[1].heartbeat.interval: must be > 0, was -1s",
            "channels[1].heartbeat.timeout: must be > 0, was 0s");
  }

  @Test
  void shouldRejectAHeartbeatIntervalFinerThanTheProbeGrid() {
    String yaml = "channels:\n" + PG_CHANNEL + REDIS_CHANNEL + "    heartbeat: { interval: 5ms }\n";

    assertThat(errorsOf(yaml)).containsExactly(
        "channels[1].heartbeat.interval: must be >= 10ms (probe rounds run on a 10 ms grid), was 5ms");
  }

  @Test
  void shouldRejectUnparsableDurationsAndBareNumbers() {
    String yaml = "objectives: { rpo: 5 parsecs, rto: 900 }\nchannels:\n" + PG_CHANNEL;

    assertThat(errorsOf(yaml))
        .containsExactly(
            "objectives.rpo: must be a duration like 200ms, 5s, 15m, was \"5 parsecs\"",
            "objectives.rto: must be a duration like 200ms, 5s, 15m, was 900");
  }

  @Test
  void shouldRequireChannelsAndTheirParts() {
    assertThat(errorsOf("observer: { name: a }")).containsExactly("channels: required");
    assertThat(errorsOf("channels: []")).containsExactly("channels: must not be empty");
    assertThat(errorsOf("channels:\n  - { kind: redis, primary: {}, replica: { url: '' } }"))
        .containsExactly(
            "channels[0].name: required",
            "channels[0].primary.url: required",
            "channels[0].replica.url: must be redis[s]://[user@]host:port, was \"\"");
    // Which endpoints and params a channel needs depends on its kind: without one, only that is said.
    assertThat(errorsOf("channels:\n  - { name: a }")).containsExactly("channels[0].kind: required");
    assertThat(errorsOf("channels:\n  - { name: a, kind: postgres }"))
        .containsExactly(
            "channels[0].primary: required for kind postgres",
            "channels[0].replica: required for kind postgres");
  }

  @Test
  void shouldRejectNamesThatAreNotBoundedLabelValues() {
    String yaml =
        "observer: { name: Use1 }\nchannels:\n" + PG_CHANNEL.replace("orders-db", "Orders_DB");

    assertThat(errorsOf(yaml))
        .containsExactly(
            "observer.name: must match [a-z0-9][a-z0-9-]{0,62}, was \"Use1\"",
            "channels[0].name: must match [a-z0-9][a-z0-9-]{0,62}, was \"Orders_DB\"");
    assertThat(errorsOf("channels:\n" + PG_CHANNEL.replace("orders-db", "a".repeat(64))))
        .singleElement()
        .asString()
        .startsWith("channels[0].name: must match");
  }

  @Test
  void shouldRejectDuplicateChannelNamesPointingAtTheFirst() {
    String yaml = "channels:\n" + PG_CHANNEL + REDIS_CHANNEL + PG_CHANNEL;

    assertThat(errorsOf(yaml))
        .containsExactly(
            "channels[2].name: duplicate channel name \"orders-db\" (also channels[0])");
  }

  @Test
  void shouldRejectUnknownKind() {
    String yaml = "channels:\n" + PG_CHANNEL.replace("kind: postgres", "kind: mysql");

    assertThat(errorsOf(yaml))
        .containsExactly("channels[0].kind: must be one of postgres | redis | rds | aurora-global | elasticache-global | efs | s3 | opensearch | kubernetes, was \"mysql\"");
  }

  @Test
  void shouldRejectUrlsOfTheWrongForm() {
    String yaml =
        "channels:\n"
            + PG_CHANNEL.replace("postgresql://drwatch@10.1.0.5:5432/app", "http://x")
            + REDIS_CHANNEL.replace("redis://10.0.0.7:6379", "redis://:hunter2@10.0.0.7:6379");

    assertThat(errorsOf(yaml))
        .containsExactly(
            "channels[0].replica.url: must be postgresql://user@host:port/db[?sslmode=mode], was \"http://x\"",
            "channels[1].primary.url: must be redis[s]://[user@]host:port; put the password in the password"
                + " field, not in the url, was \"redis://:***@10.0.0.7:6379\"");
  }

  @Test
  void shouldRestrictHeartbeatTableToPostgresAndKeyToRedis() {
    String yaml =
        "channels:\n"
            + PG_CHANNEL
            + "    heartbeat: { key: k }\n"
            + REDIS_CHANNEL
            + "    heartbeat: { table: t }\n";

    assertThat(errorsOf(yaml))
        .containsExactly(
            "channels[0].heartbeat.key: only allowed for kinds redis, elasticache-global (with a canary), "
                + "this channel is postgres",
            "channels[1].heartbeat.table: only allowed for kinds postgres, rds, aurora-global (with a canary), "
                + "this channel is redis");
  }

  @Test
  void shouldRejectBadHeartbeatTableAndStallIntervals() {
    String yaml =
        "channels:\n" + PG_CHANNEL + "    heartbeat: { table: drop-table, stallIntervals: 0 }\n";

    assertThat(errorsOf(yaml))
        .containsExactly(
            "channels[0].heartbeat.table: must match [A-Za-z_][A-Za-z0-9_]{0,62}, was"
                + " \"drop-table\"",
            "channels[0].heartbeat.stallIntervals: must be >= 1, was 0");
  }

  @Test
  void shouldRejectPortOutOfRange() {
    assertThat(errorsOf("http: { port: 70000 }\nchannels:\n" + PG_CHANNEL))
        .containsExactly("http.port: must be 0..65535, was 70000");
    assertThat(errorsOf("http: { port: -1 }\nchannels:\n" + PG_CHANNEL))
        .containsExactly("http.port: must be 0..65535, was -1");
  }

  @Test
  void shouldNameThePathOfWrongTypes() {
    String yaml =
        """
        observer: [ a ]
        http: { host: [ x ], port: "9464", readToken: 12345 }
        objectives: 5s
        channels:
          - name: 42
            kind: redis
            primary: "redis://a"
            replica: { url: "redis://b" }
            heartbeat: { stallIntervals: 2.5 }
          - just-a-string
        """;

    assertThat(errorsOf(yaml))
        .containsExactly(
            "observer: must be a map, was a list",
            "http.host: must be a string (quote it), was a list",
            "http.port: must be an integer, was \"9464\"",
            "http.readToken: must be a string (quote it), was ***",
            "objectives: must be a map, was \"5s\"",
            "channels[1]: must be a map, was \"just-a-string\"",
            "channels[0].name: must be a string (quote it), was 42",
            "channels[0].primary: must be a map, was \"redis://a\"",
            "channels[0].heartbeat.stallIntervals: must be an integer, was 2.5");
    assertThat(errorsOf("channels: { name: a }"))
        .containsExactly("channels: must be a list, was a map");
  }

  @Test
  void shouldNeverShowSecretValues() {
    String yaml =
        """
        http: { readToken: "${X" }
        channels:
          - name: a
            kind: postgres
            primary: { url: "postgresql://u:topsecret@h/db", password: [ topsecret ] }
            replica: { url: "postgresql://u@h/db", password: "" }
        """;

    List<String> errors = errorsOf(yaml);

    assertThat(String.join("\n", errors)).doesNotContain("topsecret", "${X");
    assertThat(errors)
        .containsExactly(
            "http.readToken: unterminated ${ (write $${ for a literal ${), was ***",
            "channels[0].primary.password: must be a string (quote it), was a list",
            "channels[0].primary.url: must be postgresql://user@host:port/db[?sslmode=mode]; put the password in"
                + " the password field, not in the url, was \"postgresql://u:***@h/db\"",
            "channels[0].replica.password: must not be empty (leave the key out instead)");
  }

  @Test
  void shouldReportAllErrorsTogether() {
    String yaml =
        """
        observer: { name: use1-a, zone: a }
        http: { port: 99999, readToken: ${DRWATCH_TOKEN} }
        objectives: { rpo: 5 parsecs }
        channels:
          - name: orders-db
            kind: mysql
            primary: { url: "mysql://x" }
            replica: {}
          - name: orders-db
            kind: redis
            primary: { url: "redis://a" }
            replica: { url: "redis://b/0" }
            heartbeat: { intervall: 1s, interval: 0s }
        """;

    assertThat(errorsOf(yaml))
        .containsExactly(
            "observer.zone: unknown key (allowed: name, region)",
            "http.port: must be 0..65535, was 99999",
            "http.readToken: environment variable DRWATCH_TOKEN is not set",
            "objectives.rpo: must be a duration like 200ms, 5s, 15m, was \"5 parsecs\"",
            "channels[0].kind: must be one of postgres | redis | rds | aurora-global | elasticache-global | efs | s3 | opensearch | kubernetes, was \"mysql\"",
            "channels[0].replica.url: required",
            "channels[1].name: duplicate channel name \"orders-db\" (also channels[0])",
            "channels[1].replica.url: must be redis[s]://[user@]host:port, was \"redis://b/0\"",
            "channels[1].heartbeat.intervall: unknown key"
                + " (allowed: interval, timeout, table, key, stallIntervals)",
            "channels[1].heartbeat.interval: must be > 0, was 0s");
  }

  @Test
  void shouldGiveOneErrorForEmptyOrInvalidYaml() {
    assertThat(errorsOf("")).containsExactly("config is empty");
    assertThat(errorsOf("# only a comment\n")).containsExactly("config is empty");
    assertThat(errorsOf("- a\n- b\n"))
        .containsExactly(
            "config must be a map with keys observer, http, objectives, channels, detection,"
                + " state, runbook, coordination, log, was a list");
    assertThat(errorsOf("http: { host: a\nchannels: []\n"))
        .singleElement()
        .asString()
        .startsWith("invalid YAML at line 2, column 9: ");
    assertThat(errorsOf("http:\n  port: 1\n  port: 2\n"))
        .containsExactly("invalid YAML at line 3, column 7: Duplicate field 'port'");
    assertThat(errorsOf("observer: {}\n---\nhttp: {}\n"))
        .containsExactly("only one YAML document is allowed, another starts at line 3");
  }

  @Test
  void shouldReportUnsetVariablesByKey() {
    String yaml =
        """
        channels:
          - name: orders-db
            kind: postgres
            primary:
              url: "postgresql://${PG_USER}@${PG_HOST}:5432/app"
              password: ${PG_PASSWORD}
            replica: { url: "postgresql://drwatch@h/app" }
            heartbeat: { table: "${TABLE:-}" }
        """;

    assertThat(errorsOf(yaml, Map.of("PG_USER", "drwatch")::get))
        .containsExactly(
            "channels[0].primary.url: environment variable PG_HOST is not set",
            "channels[0].primary.password: environment variable PG_PASSWORD is not set",
            "channels[0].heartbeat.table: must match [A-Za-z_][A-Za-z0-9_]{0,62}, was \"\"");
  }
}
