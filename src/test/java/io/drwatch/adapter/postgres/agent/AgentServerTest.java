package io.drwatch.adapter.postgres.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.config.AgentConfig;
import io.drwatch.config.Secret;
import io.drwatch.testkit.Await;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's HTTP side, with stand-in tools in its bin dir (the real tools run in
 * PgRebuildStandbyIT): token, bad source, one job at a time, the fallback to pg_basebackup and a
 * failure's reason in the job.
 */
class AgentServerTest {
  @TempDir
  Path dir;
  private Vertx vertx;
  private AgentServer agent;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    tool(bin, "pg_ctl", "exit 3"); // status: not running
    tool(bin, "psql", "exit 0");
    tool(bin, "pg_rewind", "sleep 1; echo 'pg_rewind: fatal: could not find common ancestor'; exit 1");
    tool(bin, "pg_basebackup", "echo 'pg_basebackup: error: connection refused'; exit 1");
    Path pgdata = Files.createDirectories(dir.resolve("data"));
    Files.writeString(pgdata.resolve("postgresql.conf"), "port = 1\n");
    Files.writeString(pgdata.resolve("PG_VERSION"), "15\n");
    vertx = TestVertx.create();
    agent = AgentServer.start(vertx, new AgentConfig("127.0.0.1", 0, Secret.of("tok"), pgdata, bin,
        dir.resolve("server.log"), Optional.empty(), Optional.empty(), Duration.ofSeconds(30)))
        .await(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    agent.close().await(10, TimeUnit.SECONDS);
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private static void tool(Path bin, String name, String body) throws Exception {
    Path f = Files.writeString(bin.resolve(name), "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.port() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void shouldRefuseWithoutTheTokenAndABadSource() throws Exception {
    assertThat(send("POST", "/v1/rebuild-standby", null, "{}").statusCode()).isEqualTo(401);
    assertThat(send("GET", "/v1/jobs/x", "wrong", null).statusCode()).isEqualTo(401);
    HttpResponse<String> bad = send("POST", "/v1/rebuild-standby", "tok", "{\"source\":\"host=a; rm -rf /\"}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(send("GET", "/v1/jobs/nope", "tok", null).statusCode()).isEqualTo(404);
  }

  @Test
  void shouldRunOneJobAtATimeFallBackToBasebackupAndReportItsFailure() throws Exception {
    String body = "{\"source\":\"postgresql://postgres@127.0.0.1:5999/postgres\"}";
    HttpResponse<String> first = send("POST", "/v1/rebuild-standby", "tok", body);
    assertThat(first.statusCode()).isEqualTo(202);
    String id = new JsonObject(first.body()).getString("id");
    HttpResponse<String> second = send("POST", "/v1/rebuild-standby", "tok", body);
    assertThat(second.statusCode()).isEqualTo(409);
    assertThat(new JsonObject(second.body()).getString("id")).isEqualTo(id);

    Await.until(Duration.ofSeconds(10), "job ends",
        () -> !new JsonObject(send("GET", "/v1/jobs/" + id, "tok", null).body()).getString("state").equals("running"));
    JsonObject job = new JsonObject(send("GET", "/v1/jobs/" + id, "tok", null).body());
    assertThat(job.getString("state")).isEqualTo("failed");
    assertThat(job.getString("method")).isEqualTo("basebackup");
    assertThat(job.getString("source")).isEqualTo("127.0.0.1:5999");
    assertThat(job.getString("error")).contains("pg_basebackup: error: connection refused");
    assertThat(job.getJsonArray("log").encode()).contains("could not find common ancestor");
    assertThat(dir.resolve("data")).as("emptied for pg_basebackup").isEmptyDirectory();
    // The retry finds an empty data dir: the node's own config is still put back after a copy.
    tool(dir.resolve("bin"), "pg_basebackup", "touch \"$2/postgresql.conf\"; exit 0");
    tool(dir.resolve("bin"), "pg_ctl", "[ \"$1\" = -D ] && [ \"$3\" = status ] && exit 3; exit 0");
    HttpResponse<String> retry = send("POST", "/v1/rebuild-standby", "tok", body);
    assertThat(retry.statusCode()).as("free again").isEqualTo(202);
    String retryId = new JsonObject(retry.body()).getString("id");
    Await.until(Duration.ofSeconds(10), "retry ends", () -> new JsonObject(send("GET", "/v1/jobs/" + retryId, "tok",
        null).body()).getString("state").equals("succeeded"));
    assertThat(dir.resolve("data/postgresql.conf")).hasContent("port = 1");
  }
}
