package io.drwatch.it;

import static org.assertj.core.api.Assertions.assertThat;


import io.drwatch.testkit.Cli;
import io.drwatch.testkit.Cli.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar through bin/drwatch, as an operator runs it. */
class CliIT {
  @TempDir
  Path dir;

  private static Result drwatch(String... args) throws IOException, InterruptedException {
    return Cli.drwatch(Duration.ofSeconds(60), args);
  }

  private Path write(String name, String yaml) throws IOException {
    return Files.writeString(dir.resolve(name), yaml);
  }

  private static final String VALID = """
      channels:
        - name: orders-db
          kind: postgres
          primary: { url: "postgresql://drwatch@127.0.0.1:5432/app" }
          replica: { url: "postgresql://drwatch@127.0.0.1:5433/app" }
      """;

  @Test
  void shouldAcceptAValidConfig() throws Exception {
    Result r = drwatch("check-config", write("ok.yaml", VALID).toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("valid (1 channels, no runbook)");
  }

  @Test
  void shouldRejectAnUnknownKeyNamingIt() throws Exception {
    Result r = drwatch("check-config", write("bad.yaml", VALID + "    heartbeet: { interval: 1s }\n").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("channels[0].heartbeet: unknown key");
  }

  @Test
  void shouldRejectANegativeDurationNamingKeyRuleAndValue() throws Exception {
    Result r = drwatch("check-config",
        write("neg.yaml", VALID + "    heartbeat: { interval: -1s }\n").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("channels[0].heartbeat.interval: must be > 0, was -1s");
  }

  @Test
  void shouldRejectAMissingUrl() throws Exception {
    Result r = drwatch("check-config", write("nourl.yaml", """
        channels:
          - name: cache
            kind: redis
            primary: { url: "redis://127.0.0.1:6379" }
            replica: { password: x }
        """).toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("channels[0].replica.url: required");
  }

  @Test
  void shouldRefuseToRunOnAnInvalidConfig() throws Exception {
    Result r = drwatch("run", "--config", write("bad.yaml", "channels: []\n").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("channels");
  }

  private String withRunbook(Path state) {
    return """
        http: { port: 0 }
        state: { dir: "%s" }
        channels:
          - { name: cache, kind: redis, primary: { url: "redis://127.0.0.1:1" }, replica: { url: "redis://127.0.0.1:2" } }
        runbook:
          token: t
          steps:
            - { id: promote, action: redis-promote, params: { url: "redis://127.0.0.1:2" }, drill: skip }
        """.formatted(state);
  }

  @Test
  void shouldRefuseASecondDaemonOnTheSameStateDirNamingTheHolder() throws Exception {
    Path state = dir.resolve("state");
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    // Another process's daemon, as far as the OS lock is concerned: this JVM holds drwatch.lock.
    var held = new io.drwatch.adapter.coordination.LocalExecutorLease(vertx, state, "obs-a");
    try {
      held.start().await(10, java.util.concurrent.TimeUnit.SECONDS);
      Result r = drwatch("run", "--config", write("second.yaml", withRunbook(state)).toString());

      assertThat(r.exit()).isEqualTo(3);
      assertThat(r.err()).contains("drwatch: cannot start: state dir " + state.toAbsolutePath()
          + " is locked by another drwatch (pid " + ProcessHandle.current().pid() + ")")
          .doesNotContain("\tat ");
    } finally {
      held.close().await(10, java.util.concurrent.TimeUnit.SECONDS);
      vertx.close().await(10, java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  @Test
  void shouldRefuseToRunOnAStateDirThatCannotBeWritten() throws Exception {
    Path notADir = Files.writeString(dir.resolve("plain-file"), "x");
    Result r = drwatch("run", "--config", write("unwritable.yaml", withRunbook(notADir.resolve("state"))).toString());

    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err()).contains("drwatch: cannot start: state dir ").contains("cannot be created or written");
  }

  @Test
  void shouldPrintVersionAndHelp() throws Exception {
    assertThat(drwatch("--version").out()).startsWith("drwatch 0.1.0");
    Result help = drwatch("--help");
    assertThat(help.out()).contains("run", "check-config", "lab", "rearm");
  }
}
