package io.drwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.spi.KindRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code check-config} refuses bad params of every channel kind and every action at load, with exit 2
 * and the exact path: one missing required param, one of the wrong type and one out of range each.
 * Driven by the registry: a kind without an example here fails {@link #shouldHaveAnExampleOfEveryKind}.
 */
class KindParamsCheckConfigTest {
  private static final String TOKEN = "channels:\n  - { name: db, kind: postgres, primary: { url: \"postgresql://u@p:5432/db\" },"
      + " replica: { url: \"postgresql://u@r:5432/db\" } }\n";
  private static final String PG = "primary: { url: \"postgresql://u@p:5432/db\" }, replica: { url: \"postgresql://u@r:5432/db\" }";
  private static final String REDIS = "primary: { url: \"redis://p:6379\" }, replica: { url: \"redis://r:6379\" }";
  private static final String OS = "primary: { url: \"https://leader:9200\" }, replica: { url: \"https://follower:9200\" }";

  /** A valid example, then (param, value) for: missing (value null), wrong type, out of range. */
  record Example(Map<String, String> valid, String missing, String[] wrongType, String[] outOfRange, String extra) {}

  private static Example ex(String valid, String missing, String wrongParam, String wrongValue, String rangeParam,
      String rangeValue) {
    return ex(valid, missing, wrongParam, wrongValue, rangeParam, rangeValue, "");
  }

  private static Example ex(String valid, String missing, String wrongParam, String wrongValue, String rangeParam,
      String rangeValue, String extra) {
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : valid.split(";")) {
      int eq = pair.indexOf('=');
      params.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
    }
    return new Example(params, missing, new String[] {wrongParam, wrongValue}, new String[] {rangeParam, rangeValue},
        extra);
  }

  private static final String AWS_OK = "region=us-west-2";
  private static final Map<String, Example> ACTIONS = Map.ofEntries(
      Map.entry("pg-promote", ex("url=postgresql://u@h:5432/db", "url", "waitSeconds", "soon", "waitSeconds", "0")),
      Map.entry("pg-fence", ex("url=postgresql://u@h:5432/db", "url", "endOpenTransactions", "maybe",
          "waitSeconds", "601")),
      Map.entry("pg-rebuild-standby", ex("agent=https://h:9470;token=t;source=postgresql://u@p:5432/db;"
          + "url=postgresql://u@h:5432/db", "source", "timeoutSeconds", "soon", "timeoutSeconds", "61")),
      Map.entry("redis-promote", ex("url=redis://h:6379", "url", "url", "not a url", "waitSeconds", "4000")),
      Map.entry("redis-replicaof", ex("url=redis://h:6379;primary=redis://p:6379", "primary", "url", "not a url",
          "waitSeconds", "90000")),
      Map.entry("redis-failover", ex("url=redis://p:6379;to=redis://r:6379", "to", "timeoutMillis", "soon",
          "timeoutMillis", "50")),
      Map.entry("webhook", ex("url=https://h/x", "url", "timeoutSeconds", "ten", "timeoutSeconds", "601")),
      Map.entry("lambda-invoke", ex("function=f;" + AWS_OK, "function", "payload", "{not json", "region", "mars")),
      Map.entry("eventbridge-put", ex(AWS_OK, "region", "detail", "{", "region", "moon-1")),
      Map.entry("rds-promote", ex("instance=orders-dr;" + AWS_OK, "instance", "pollMillis", "fast",
          "backupRetentionPeriod", "36")),
      Map.entry("rds-create-replica", ex("instance=orders-dr;source=arn:aws:rds:us-west-2:123456789012:db:orders;"
          + "region=us-east-1", "source", "multiAz", "maybe", "pollMillis", "0")),
      Map.entry("elasticache-global-associate", ex("globalReplicationGroup=g;replicationGroup=sessions-east-2;"
          + AWS_OK, "replicationGroup", "numCacheClusters", "two", "numCacheClusters", "7")),
      Map.entry("aurora-global-failover", ex("globalCluster=g;targetCluster=arn:aws:rds:us-west-2:123456789012:cluster:c;"
          + AWS_OK, "targetCluster", "allowDataLoss", "maybe", "waitSeconds", "0")),
      Map.entry("elasticache-global-failover", ex("globalReplicationGroup=g;primaryRegion=us-west-2;"
          + "primaryReplicationGroup=r;" + AWS_OK, "primaryReplicationGroup", "pollMillis", "x", "waitSeconds", "7201")),
      Map.entry("efs-stop-replication", ex("fileSystem=fs-1;" + AWS_OK, "fileSystem", "pollMillis", "x",
          "deletionMode", "SOME")),
      Map.entry("sfn-start", ex("stateMachine=arn:aws:states:us-west-2:123456789012:stateMachine:dr;" + AWS_OK,
          "stateMachine", "input", "{", "waitSeconds", "86401")),
      Map.entry("ga-traffic-dial", ex("endpointGroup=arn:aws:globalaccelerator::123456789012:accelerator/a/listener/l"
          + "/endpoint-group/g;dial=0", "dial", "dial", "half", "dial", "150")),
      Map.entry("arc-routing-control", ex("routingControl=arn:aws:route53-recovery-control::123456789012:controlpanel/p"
          + "/routingcontrol/r;state=On;clusterEndpoints=https://a.example/v1;clusterRegions=us-west-2", "state",
          "waitSeconds", "x", "state", "Maybe")),
      Map.entry("cloudflare-dns", ex("apiToken=t;zone=z1;record=r1;content=1.2.3.4", "content", "proxied", "yes",
          "ttl", "90000")),
      Map.entry("cloudflare-pool", ex("apiToken=t;account=a1;pool=p1;enabled=true", "enabled", "enabled", "on",
          "timeoutSeconds", "301")),
      Map.entry("k8s-scale", ex("url=https://k8s.example;namespace=shop;deployment=api;replicas=2", "replicas",
          "replicas", "two", "replicas", "0")),
      Map.entry("opensearch-stop-follow", ex("url=https://os.example:9200;index=orders", "index", "timeoutSeconds", "x",
          "waitSeconds", "3601")));

  private static final Map<String, Example> CHANNELS = Map.ofEntries(
      Map.entry("rds", ex("instance=orders-dr;" + AWS_OK, "instance", "endpointOverride", "localhost:4566", "region",
          "moon")),
      Map.entry("aurora-global", ex("globalCluster=g;" + AWS_OK, "globalCluster", "endpointOverride", "x", "region",
          "moon")),
      Map.entry("elasticache-global", ex("globalReplicationGroup=g;" + AWS_OK, "globalReplicationGroup",
          "endpointOverride", "x", "region", "moon")),
      Map.entry("efs", ex("fileSystem=fs-1;" + AWS_OK, "fileSystem", "endpointOverride", "x", "assumeRole", "admin")),
      Map.entry("s3", ex("sourceBucket=src-b;destinationBucket=dst-b;" + AWS_OK, "destinationBucket",
          "endpointOverride", "x", "sourceBucket", "A")),
      Map.entry("opensearch", ex("index=orders", "index", "statusUrl", "nope", "auth", "kerberos", OS)),
      Map.entry("kubernetes", ex("primaryUrl=https://k8s-a.example;standbyUrl=https://k8s-b.example;"
          + "deployments=shop/api", "deployments", "warmUp", "soon", "warmUp", "48h")));

  /** Kinds without params: the same three faults on what they do say (endpoints, heartbeat). */
  private static final Map<String, String[]> NO_PARAMS = Map.of(
      "postgres", new String[] {PG, REDIS.replace("primary: { url: \"redis://p:6379\" }, ", ""), "postgresql"},
      "redis", new String[] {REDIS, PG.replace("primary: { url: \"postgresql://u@p:5432/db\" }, ", ""), "redis"});

  @TempDir
  Path dir;

  @Test
  void shouldHaveAnExampleOfEveryKind() {
    assertThat(ACTIONS.keySet()).isEqualTo(KindRegistry.installed().actionNames());
    assertThat(KindRegistry.installed().channelKinds().stream().map(k -> k.name()))
        .containsExactlyInAnyOrderElementsOf(Stream.concat(CHANNELS.keySet().stream(), NO_PARAMS.keySet().stream())
            .toList());
  }

  static Stream<Arguments> actions() {
    return ACTIONS.keySet().stream().sorted().map(Arguments::of);
  }

  static Stream<Arguments> channels() {
    return CHANNELS.keySet().stream().sorted().map(Arguments::of);
  }

  @ParameterizedTest
  @MethodSource("actions")
  void shouldAcceptTheValidExampleAndRefuseEachFaultOfTheAction(String action) throws Exception {
    Example e = ACTIONS.get(action);
    assertThat(check(step(action, e.valid()))).as(action + " example").isEqualTo(0);
    String path = "runbook.steps[0].params.";
    assertRefused(step(action, without(e.valid(), e.missing())), path + e.missing() + ": required for " + action);
    assertRefused(step(action, with(e.valid(), e.wrongType())), path + e.wrongType()[0] + ": ");
    assertRefused(step(action, with(e.valid(), e.outOfRange())), path + e.outOfRange()[0] + ": ");
    // The drill block is checked the same way.
    assertRefused(stepWithDrill(action, e.valid(), with(e.valid(), e.outOfRange())),
        "runbook.steps[0].drill." + e.outOfRange()[0] + ": ");
  }

  @ParameterizedTest
  @MethodSource("channels")
  void shouldAcceptTheValidExampleAndRefuseEachFaultOfTheChannelKind(String kind) throws Exception {
    Example e = CHANNELS.get(kind);
    assertThat(check(channel(kind, e.valid(), e.extra()))).as(kind + " example").isEqualTo(0);
    String path = "channels[0].params.";
    assertRefused(channel(kind, without(e.valid(), e.missing()), e.extra()),
        path + e.missing() + ": required for kind " + kind);
    assertRefused(channel(kind, with(e.valid(), e.wrongType()), e.extra()), path + e.wrongType()[0] + ": ");
    assertRefused(channel(kind, with(e.valid(), e.outOfRange()), e.extra()), path + e.outOfRange()[0] + ": ");
  }

  @Test
  void shouldRefuseFaultsOfTheKindsWithoutParams() throws Exception {
    for (Map.Entry<String, String[]> k : NO_PARAMS.entrySet()) {
      String kind = k.getKey();
      assertThat(check(channelYaml(kind, k.getValue()[0]))).as(kind).isEqualTo(0);
      // missing: the primary; wrong type: a url of another form; out of range: stallIntervals 0.
      assertRefused(channelYaml(kind, k.getValue()[1]), "channels[0].primary: required for kind " + kind);
      assertRefused(channelYaml(kind, k.getValue()[0].replace("replica: { url: \"" + k.getValue()[2],
          "replica: { url: \"http")), "channels[0].replica.url: ");
      assertRefused(channelYaml(kind, k.getValue()[0] + ", heartbeat: { stallIntervals: 0 }"),
          "channels[0].heartbeat.stallIntervals: ");
      assertRefused(channelYaml(kind, k.getValue()[0] + ", params: { region: us-east-1 }"),
          "channels[0].params.region: unknown param for kind " + kind);
    }
  }

  @Test
  void shouldNameTheRangeTheKindAndTheValue() throws Exception {
    assertRefused(step("ga-traffic-dial", with(ACTIONS.get("ga-traffic-dial").valid(), new String[] {"dial", "150"})),
        "runbook.steps[0].params.dial: must be between 0 and 100 for ga-traffic-dial, was 150");
    assertRefused(step("rds-promote", Map.of("region", "us-west-2")),
        "runbook.steps[0].params.instance: required for rds-promote");
    assertRefused(step("webhook", Map.of("url", "hooks.example/dr?token=s3cret")),
        "runbook.steps[0].params.url: must be an absolute url with scheme http or https for webhook");
  }

  // ---------------------------------------------------------------------------------------------

  private static Map<String, String> without(Map<String, String> params, String key) {
    Map<String, String> m = new LinkedHashMap<>(params);
    m.remove(key);
    return m;
  }

  private static Map<String, String> with(Map<String, String> params, String[] entry) {
    Map<String, String> m = new LinkedHashMap<>(params);
    m.put(entry[0], entry[1]);
    return m;
  }

  private static String flow(Map<String, String> params) {
    return params.entrySet().stream().map(e -> e.getKey() + ": \"" + e.getValue().replace("\"", "\\\"") + "\"")
        .collect(Collectors.joining(", ", "{ ", " }"));
  }

  private static String step(String action, Map<String, String> params) {
    return TOKEN + "runbook:\n  token: t\n  steps:\n    - { id: a, action: " + action + ", params: " + flow(params) + " }\n";
  }

  private static String stepWithDrill(String action, Map<String, String> params, Map<String, String> drill) {
    return TOKEN + "runbook:\n  token: t\n  steps:\n    - { id: a, action: " + action + ", params: " + flow(params)
        + ", drill: " + flow(drill) + " }\n";
  }

  private static String channel(String kind, Map<String, String> params, String extra) {
    return channelYaml(kind, "params: " + flow(params) + (extra.isEmpty() ? "" : ", " + extra));
  }

  private static String channelYaml(String kind, String fields) {
    return "channels:\n  - { name: c, kind: " + kind + ", " + fields + " }\n";
  }

  private void assertRefused(String yaml, String linePrefix) throws Exception {
    Result r = run(yaml);
    assertThat(r.exit()).as(yaml).isEqualTo(CheckConfigCommand.INVALID);
    assertThat(r.stderr().lines().map(String::strip)).as(yaml).anyMatch(l -> l.startsWith(linePrefix));
  }

  private int check(String yaml) throws Exception {
    Result r = run(yaml);
    assertThat(r.exit()).as(yaml + "\n" + r.stderr()).isZero();
    return r.exit();
  }

  record Result(int exit, String stderr) {}

  private Result run(String yaml) throws Exception {
    Path file = Files.createTempFile(dir, "drwatch", ".yaml");
    Files.writeString(file, yaml);
    CheckConfigCommand command = new CheckConfigCommand();
    command.file = file;
    PrintStream err = System.err;
    PrintStream out = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      return new Result(command.call(), captured.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(err);
      System.setOut(out);
    }
  }
}
