package io.drwatch.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drwatch.config.ConfigException;
import io.drwatch.config.ConfigLoader;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The log formats as the CLI sets them up: {@link Emit} runs in a JVM of its own (logging is
 * process-global, and the tests' JVM keeps plain JUL), logs through every route drwatch's lines
 * take, and its stderr is parsed here.
 */
class LoggingTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Logs what a daemon logs: System.Logger verdict and failover lines, SLF4J with MDC, noise. */
  public static final class Emit {
    public static void main(String[] args) throws Exception {
      Logging.configure();
      if (args.length > 0) {
        Logging.configureFromFile(ConfigLoader.parse(args[0], k -> null).log().format());
      }
      System.getLogger("io.drwatch.verdict").log(Level.INFO, "pg-main HEALTHY -> LAGGING: rpo 4s over 2s");
      System.getLogger("io.drwatch.verdict").log(Level.INFO, "eu-1: db-primary suspected: 3 probes failed");
      System.getLogger("io.drwatch.failover").log(Level.INFO,
          "run r-20261207-1: RPO gate for promote-db: HOLD, rpo unknown; bound: 5s");
      System.getLogger("io.drwatch.failover").log(Level.ERROR, "run r-9: step fence failed",
          new IllegalStateException("boom"));
      System.getLogger("org.apache.zookeeper.ClientCnxn").log(Level.INFO, "zk chatter");
      LoggerFactory.getLogger("io.netty.channel.Nio").info("netty chatter");
      LoggerFactory.getLogger("org.apache.curator.framework").warn("curator warning");
      MDC.put("channel", "redis-cache");
      LoggerFactory.getLogger("io.drwatch.probe").info("from the MDC: {} HEALTHY -> LAGGING: x", "ignored");
      MDC.clear();
    }
  }

  private static List<String> emit(Map<String, String> env, String... configYaml)
      throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> cmd = new ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
        Emit.class.getName()));
    cmd.addAll(List.of(configYaml));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().remove(Logging.FORMAT_ENV);
    pb.environment().putAll(env);
    Process p = pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    byte[] err = p.getErrorStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(new String(err, StandardCharsets.UTF_8)).isZero();
    return new String(err, StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void jsonFormatWritesOneObjectPerLineWithTheRunChannelTargetAndStep() throws Exception {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : emit(Map.of(Logging.FORMAT_ENV, "json"))) {
      JsonNode node = JSON.readTree(line); // throws if a line is not one JSON document
      assertThat(node.isObject()).as(line).isTrue();
      lines.add(node);
    }
    assertThat(lines).extracting(n -> n.path("message").asText()).containsExactly(
        "pg-main HEALTHY -> LAGGING: rpo 4s over 2s",
        "eu-1: db-primary suspected: 3 probes failed",
        "run r-20261207-1: RPO gate for promote-db: HOLD, rpo unknown; bound: 5s",
        "run r-9: step fence failed",
        "curator warning",
        "from the MDC: ignored HEALTHY -> LAGGING: x");
    assertThat(lines.get(0).path("channel").asText()).isEqualTo("pg-main");
    assertThat(lines.get(0).path("level").asText()).isEqualTo("INFO");
    assertThat(lines.get(0).path("logger_name").asText()).isEqualTo("io.drwatch.verdict");
    assertThat(lines.get(0).has("@timestamp")).isTrue();
    assertThat(lines.get(1).path("target").asText()).isEqualTo("db-primary");
    assertThat(lines.get(2).path("run").asText()).isEqualTo("r-20261207-1");
    assertThat(lines.get(2).path("step").asText()).isEqualTo("promote-db");
    assertThat(lines.get(3).path("run").asText()).isEqualTo("r-9");
    assertThat(lines.get(3).path("step").asText()).isEqualTo("fence");
    assertThat(lines.get(3).path("level").asText()).isEqualTo("ERROR");
    assertThat(lines.get(3).path("stack_trace").asText()).contains("IllegalStateException: boom");
    assertThat(lines.get(4).path("level").asText()).isEqualTo("WARN");
    assertThat(lines.get(5).path("channel").asText()).isEqualTo("redis-cache");
  }

  @Test
  void textIsTheDefaultAndKeepsTheOneLineLook() throws Exception {
    List<String> lines = emit(Map.of());
    assertThat(lines.get(0)).matches(
        "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z INFO    io\\.drwatch\\.verdict pg-main HEALTHY -> LAGGING: rpo 4s over 2s");
    assertThat(String.join("\n", lines))
        .doesNotContain("zk chatter", "netty chatter")
        .contains("WARN    org.apache.curator.framework curator warning")
        .contains("java.lang.IllegalStateException: boom");
  }

  @Test
  void fieldsAreReadOffTheVerdictAndFailoverLinesOnlyWhereTheMdcLacksThem() {
    assertThat(LogFields.of("io.drwatch.verdict", "pg-main HEALTHY -> LAGGING: x", Map.of()))
        .containsExactly(Map.entry("channel", "pg-main"));
    assertThat(LogFields.of("io.drwatch.verdict", "pg-main HEALTHY -> LAGGING: x", Map.of("channel", "c")))
        .isEmpty();
    assertThat(LogFields.of("io.drwatch.failover", "resuming run r-1 (RUNNING); in flight: [a]", Map.of()))
        .containsExactly(Map.entry("run", "r-1"));
    assertThat(LogFields.of("io.drwatch.failover", "executor lease granted, epoch 3", Map.of())).isEmpty();
    assertThat(LogFields.of("io.drwatch.app.probe.ProbeLoop", "run r-1: x", Map.of())).isEmpty();
  }

  @Test
  void anUnknownFormatInTheEnvironmentIsSaidAndTextIsUsed() throws Exception {
    List<String> lines = emit(Map.of(Logging.FORMAT_ENV, "logfmt"));
    assertThat(lines.get(0)).isEqualTo(
        "drwatch: DRWATCH_LOG_FORMAT: log format must be text or json, not \"logfmt\"; logging as text");
    assertThat(lines.get(1)).contains(" INFO    io.drwatch.verdict pg-main HEALTHY -> LAGGING");
  }

  private static final String CONFIG = """
      channels:
        - { name: db, kind: redis, primary: { url: "redis://127.0.0.1:1" }, replica: { url: "redis://127.0.0.1:2" } }
      log: { format: json }
      """;

  @Test
  void theConfigFilesLogFormatAppliesUnlessTheEnvironmentNamesOne() throws Exception {
    List<String> fromFile = emit(Map.of(), CONFIG);
    assertThat(fromFile).isNotEmpty().allSatisfy(line -> assertThat(JSON.readTree(line).isObject()).isTrue());
    assertThat(emit(Map.of(Logging.FORMAT_ENV, "text"), CONFIG).get(0)).contains(" INFO    io.drwatch.verdict ");
  }

  @Test
  void theConfigFileAcceptsTextOrJsonOnly() throws Exception {
    assertThat(ConfigLoader.parse(CONFIG, k -> null).log().format()).contains("json");
    assertThatThrownBy(() -> ConfigLoader.parse(CONFIG.replace("json", "xml"), k -> null))
        .isInstanceOf(ConfigException.class).hasMessageContaining("log.format");
  }

  @Test
  void anUnknownFormatIsRefusedByName() {
    assertThat(Logging.Format.parse(" JSON ")).isEqualTo(Logging.Format.JSON);
    assertThatThrownBy(() -> Logging.Format.parse("logfmt")).hasMessageContaining("text or json");
  }
}
