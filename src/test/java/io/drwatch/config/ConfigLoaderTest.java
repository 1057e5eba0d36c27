package io.drwatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drwatch.domain.channel.ChannelKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  static final String ONE_CHANNEL =
      """
      channels:
        - { name: a, kind: redis, primary: { url: "redis://a" }, replica: { url: "redis://b" } }
      """;

  static final Map<String, String> ENV =
      Map.of(
          "DRWATCH_READ_TOKEN", "read-s3cret",
          "PG_PASSWORD", "pg-pass",
          "DRWATCH_PEER_TOKEN", "peer-s3cret",
          "DRWATCH_EVENTS_TOKEN", "events-s3cret",
          "DRWATCH_RUNBOOK_TOKEN", "runbook-s3cret");

  static String resource(String name) throws IOException {
    try (InputStream in = ConfigLoaderTest.class.getResourceAsStream("/config/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void shouldReadFullFileIntoRecords() throws Exception {
    DrwatchConfig config = ConfigLoader.parse(resource("valid-full.yaml"), ENV::get);

    assertThat(config.observer()).isEqualTo(new ObserverConfig("use1-a", "us-east-1"));
    assertThat(config.http())
        .isEqualTo(new HttpConfig("127.0.0.1", 9464, Optional.empty(), Optional.of(Secret.of("read-s3cret")),
            new HttpConfig.Limits(Duration.ofSeconds(30), 100, 4096, 8192)));
    assertThat(config.objectives())
        .isEqualTo(new Objectives(Duration.ofSeconds(5), Duration.ofMinutes(15)));
    assertThat(config.channels())
        .containsExactly(
            new ChannelConfig(
                "orders-db",
                ChannelKind.POSTGRES,
                new Endpoint("postgresql://drwatch@10.0.0.5:5432/app", Optional.of(Secret.of("pg-pass"))),
                new Endpoint("postgresql://drwatch@10.1.0.5:5432/app", Optional.empty()),
                new HeartbeatConfig(
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1),
                    "drwatch_heartbeat",
                    "drwatch:heartbeat:orders-db",
                    3),
                Duration.ofSeconds(5)),
            new ChannelConfig(
                "sessions-cache",
                ChannelKind.REDIS,
                new Endpoint("redis://10.0.0.7:6379", Optional.of(Secret.of("local-dev"))),
                new Endpoint("redis://10.1.0.7:6379", Optional.empty()),
                new HeartbeatConfig(
                    Duration.ofMillis(500),
                    Duration.ofMillis(1500),
                    "drwatch_heartbeat",
                    "drwatch:hb:sessions",
                    5),
                Duration.ofSeconds(5)));
    assertThat(config.detection())
        .isEqualTo(
            new DetectionConfig(
                Duration.ofSeconds(1),
                List.of(
                    new TargetConfig(
                        "db-primary",
                        ProbeType.POSTGRES,
                        "postgresql://drwatch@10.0.0.5:5432/app",
                        Optional.of(Secret.of("pg-pass")),
                        Duration.ofSeconds(1),
                        Duration.ofMillis(800),
                        3,
                        2,
                        List.of("orders-db"),
                        200,
                        Optional.empty()),
                    new TargetConfig(
                        "cache-primary",
                        ProbeType.REDIS,
                        "redis://10.0.0.7:6379",
                        Optional.empty(),
                        Duration.ofSeconds(1),
                        Duration.ofMillis(800),
                        3,
                        2,
                        List.of("sessions-cache"),
                        200,
                        Optional.empty()),
                    new TargetConfig(
                        "db-primary-port",
                        ProbeType.TCP,
                        "10.0.0.5:5432",
                        Optional.empty(),
                        Duration.ofMillis(500),
                        Duration.ofMillis(500),
                        5,
                        1,
                        List.of("orders-db"),
                        200,
                        Optional.empty()),
                    new TargetConfig(
                        "api",
                        ProbeType.HTTP,
                        "https://api.example.com/healthz?deep=1",
                        Optional.empty(),
                        Duration.ofSeconds(1),
                        Duration.ofMillis(800),
                        3,
                        2,
                        List.of(),
                        204,
                        Optional.of("ok"))),
                new QuorumConfig(
                    List.of("probes", "replication", "aws-health"),
                    2,
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(10)),
                List.of(PeerConfig.of("http://10.1.0.9:9464"),
                    new PeerConfig("https://obs-c.example.com:443", Optional.of("use2-a"))),
                Optional.of(Secret.of("peer-s3cret")),
                Optional.empty(),
                Duration.ofSeconds(5),
                new TiltConfig(
                    Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(30)),
                new EventsConfig(
                    Optional.of(Secret.of("events-s3cret")),
                    "x-api-key",
                    Optional.of("us-east-1"),
                    List.of("RDS", "ELASTICACHE", "EC2"),
                    Duration.ofMinutes(30),
                    List.of(
                        new SqsQueueConfig(
                            "https://sqs.us-east-1.amazonaws.com/123456789012/drwatch-events",
                            "us-east-1",
                            Optional.empty()),
                        new SqsQueueConfig(
                            "http://127.0.0.1:4566/000000000000/drwatch-events",
                            "us-west-2",
                            Optional.of("http://127.0.0.1:4566"))))));
    assertThat(config.state()).isEqualTo(new StateConfig(Path.of("/var/lib/drwatch")));
    assertThat(config.coordination().zookeeper())
        .contains(
            new ZooKeeperConfig(
                "zk1.example.com:2181,zk2.example.com:2181,10.2.0.4:2181",
                "/drwatch/prod",
                Duration.ofSeconds(10)));
    assertThat(config.runbook())
        .contains(
            new RunbookConfig(
                RunbookConfig.Mode.AUTO,
                Duration.ofSeconds(5),
                Duration.ofSeconds(60),
                Duration.ofMinutes(30),
                Duration.ofMinutes(10),
                Duration.ofMinutes(30),
                Optional.of(Secret.of("runbook-s3cret")),
                List.of(
                    new StepConfig(
                        "fence-traffic",
                        "ga-traffic-dial",
                        Optional.empty(),
                        List.of(),
                        // the default timeout follows the action's wait (ga-traffic-dial: 120 s)
                        Duration.ofSeconds(120),
                        0,
                        Duration.ofSeconds(30),
                        true,
                        Map.of(
                            "endpointGroup",
                            "arn:aws:globalaccelerator::123456789012:accelerator/a/listener/l"
                                + "/endpoint-group/g",
                            "dial",
                            "0"),
                        Optional.empty(),
                        true),
                    new StepConfig(
                        "promote-db",
                        "pg-promote",
                        Optional.of("orders-db"),
                        List.of("fence-traffic"),
                        Duration.ofSeconds(30),
                        2,
                        Duration.ofSeconds(5),
                        false,
                        Map.of(
                            "url", "postgresql://postgres@10.1.0.5:5432/postgres",
                            "password", "pg-pass"),
                        Optional.of(Map.of("url", "postgresql://postgres@127.0.0.1:55433/postgres")),
                        false),
                    new StepConfig(
                        "promote-cache",
                        "redis-promote",
                        Optional.of("sessions-cache"),
                        List.of("promote-db"),
                        Duration.ofSeconds(60),
                        0,
                        Duration.ofSeconds(30),
                        false,
                        Map.of("url", "redis://10.1.0.6:6379"),
                        Optional.empty(),
                        false))));
  }

  @Test
  void shouldKeepStepParamsInFileOrderAndNeverMergeThemIntoTheDrill() throws Exception {
    DrwatchConfig config = ConfigLoader.parse(resource("valid-full.yaml"), ENV::get);
    StepConfig step = config.runbook().orElseThrow().steps().get(1);

    assertThat(step.params().keySet()).containsExactly("url", "password");
    assertThat(step.drill())
        .contains(Map.of("url", "postgresql://postgres@127.0.0.1:55433/postgres"));
  }

  @Test
  void shouldWarnOfEveryStepThatWillNotDrillWithoutFailing() throws Exception {
    List<String> warnings = new java.util.ArrayList<>();

    ConfigLoader.parse(resource("valid-full.yaml"), ENV::get, warnings);

    assertThat(warnings)
        .containsExactly(
            "runbook.steps[0] (fence-traffic): will not drill: drill: skip",
            "runbook.steps[2] (promote-cache): will not drill: no drill: block (add one, or"
                + " drill: skip)");
  }

  @Test
  void shouldApplyDefaultsToMinimalFile() throws Exception {
    DrwatchConfig config =
        ConfigLoader.parse(
            """
            channels:
              - name: cache
                kind: redis
                primary: { url: "redis://a" }
                replica: { url: "redis://b:7000" }
            """,
            name -> null);

    assertThat(config.observer()).isEqualTo(new ObserverConfig("local", ""));
    assertThat(config.http()).isEqualTo(HttpConfig.plain("127.0.0.1", 9464));
    assertThat(config.objectives())
        .isEqualTo(new Objectives(Duration.ofSeconds(5), Duration.ofMinutes(15)));
    ChannelConfig channel = config.channels().get(0);
    assertThat(channel.heartbeat())
        .isEqualTo(
            new HeartbeatConfig(
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                "drwatch_heartbeat",
                "drwatch:heartbeat:cache",
                3));
    assertThat(channel.rpoObjective()).isEqualTo(Duration.ofSeconds(5));
    assertThat(channel.primary()).contains(new Endpoint("redis://a:6379", Optional.empty()));
    assertThat(config.detection()).isEqualTo(DetectionConfig.none());
    assertThat(config.coordination()).isEqualTo(CoordinationConfig.none());
  }

  @Test
  void shouldDefaultChannelRpoToObjectivesRpoAndLetChannelOverride() throws Exception {
    DrwatchConfig config =
        ConfigLoader.parse(
            "objectives: { rpo: 30s }\n"
                + ONE_CHANNEL
                + """
                  - name: b
                    kind: redis
                    primary: { url: "redis://a" }
                    replica: { url: "redis://b" }
                    objective: { rpo: 0s }
                """,
            name -> null);

    assertThat(config.channels())
        .extracting(ChannelConfig::rpoObjective)
        .containsExactly(Duration.ofSeconds(30), Duration.ZERO);
  }

  @Test
  void shouldWriteUrlsInCanonicalForm() throws Exception {
    DrwatchConfig config =
        ConfigLoader.parse(
            """
            channels:
              - name: pg
                kind: postgres
                primary: { url: "postgres://drwatch@db1/app" }
                replica: { url: "postgresql://drwatch@[::1]:6432/app" }
            """,
            name -> null);

    assertThat(config.channels().get(0).primary().orElseThrow().url())
        .isEqualTo("postgresql://drwatch@db1:5432/app");
    assertThat(config.channels().get(0).replica().orElseThrow().url())
        .isEqualTo("postgresql://drwatch@[::1]:6432/app");
  }

  @Test
  void shouldAcceptPortZeroAndPortFromEnvironment() throws Exception {
    String yaml = "http: { port: ${PORT} }\n" + ONE_CHANNEL;

    assertThat(ConfigLoader.parse(yaml, Map.of("PORT", "0")::get).http().port()).isZero();
    assertThat(ConfigLoader.parse(yaml, Map.of("PORT", "65535")::get).http().port())
        .isEqualTo(65535);
  }

  @Test
  void shouldIgnoreEmptyDocumentsAfterTheConfig() throws Exception {
    DrwatchConfig config = ConfigLoader.parse("---\n" + ONE_CHANNEL + "---\n", name -> null);

    assertThat(config.channels()).hasSize(1);
  }

  @Test
  void shouldBeDeeplyImmutable() throws Exception {
    DrwatchConfig config = ConfigLoader.parse(resource("valid-full.yaml"), ENV::get);

    assertThatThrownBy(() -> config.channels().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    DetectionConfig detection = config.detection();
    assertThatThrownBy(() -> detection.targets().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> detection.targets().get(0).channels().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> detection.quorum().require().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> detection.peers().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> detection.events().healthServices().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> detection.events().sqs().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    RunbookConfig runbook = config.runbook().orElseThrow();
    assertThatThrownBy(() -> runbook.steps().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    StepConfig step = runbook.steps().get(1);
    assertThatThrownBy(() -> step.after().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> step.params().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    StepConfig drilled = runbook.steps().get(1);
    assertThatThrownBy(() -> drilled.drill().orElseThrow().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void shouldCopyStepListsAndMapsGivenToTheRecords() {
    List<String> after = new java.util.ArrayList<>(List.of("a"));
    Map<String, String> params = new LinkedHashMap<>(Map.of("url", "x"));
    Map<String, String> drill = new LinkedHashMap<>(Map.of("url", "y"));
    StepConfig step =
        new StepConfig(
            "b",
            "pg-promote",
            Optional.empty(),
            after,
            Duration.ofSeconds(1),
            0,
            Duration.ofSeconds(1),
            false,
            params,
            Optional.of(drill),
            false);
    List<StepConfig> steps = new java.util.ArrayList<>(List.of(step));
    RunbookConfig runbook =
        new RunbookConfig(
            RunbookConfig.Mode.APPROVAL,
            Duration.ZERO,
            Duration.ZERO,
            Duration.ZERO,
            Duration.ofMinutes(10),
            Duration.ofMinutes(30),
            Optional.of(Secret.of("t")),
            steps);

    after.clear();
    params.clear();
    drill.clear();
    steps.clear();

    assertThat(step.after()).containsExactly("a");
    assertThat(step.params()).containsExactly(Map.entry("url", "x"));
    assertThat(step.drill().orElseThrow()).containsExactly(Map.entry("url", "y"));
    assertThat(runbook.steps()).containsExactly(step);
  }

  @Test
  void shouldCopyChannelListGivenToTheRecord() throws Exception {
    DrwatchConfig config = ConfigLoader.parse(resource("valid-full.yaml"), ENV::get);
    var channels = new java.util.ArrayList<>(config.channels());
    DrwatchConfig copy =
        new DrwatchConfig(
            config.observer(),
            config.http(),
            config.objectives(),
            channels,
            config.detection(),
            config.state(),
            config.runbook(),
            config.coordination(),
            config.log());

    channels.clear();

    assertThat(copy.channels()).hasSize(2);
  }

  @Test
  void shouldKeepSecretsOutOfToString() throws Exception {
    DrwatchConfig config = ConfigLoader.parse(resource("valid-full.yaml"), ENV::get);

    assertThat(config.toString())
        .doesNotContain("s3cret", "pg-pass", "local-dev")
        .contains("readToken=Optional[***]", "password=Optional[***]", "password=Optional.empty")
        .contains("peerToken=Optional[***]", "EventsConfig[token=Optional[***]")
        .doesNotContain("read-s3cret", "peer-s3cret", "events-s3cret", "runbook-s3cret")
        .contains("RunbookConfig[mode=auto", "cooldown=PT30M, resumeWithin=PT10M, approvalTimeout=PT30M, token=Optional[***], steps=[")
        .contains(
            "params={url=postgresql://postgres@10.1.0.5:5432/postgres, password=***}",
            "drill={url=postgresql://postgres@127.0.0.1:55433/postgres}]");
  }

  @Test
  void shouldLoadFileWithProcessEnvironment(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("drwatch.yaml");
    Files.writeString(file, "observer: { name: from-file }\n" + ONE_CHANNEL);

    assertThat(ConfigLoader.load(file).observer().name()).isEqualTo("from-file");
  }

  @Test
  void shouldReportUnreadableFile(@TempDir Path dir) {
    Path missing = dir.resolve("nope.yaml");

    assertThatThrownBy(() -> ConfigLoader.load(missing))
        .isInstanceOf(ConfigException.class)
        .hasMessage("cannot read config file " + missing + ": no such file");
  }
}
