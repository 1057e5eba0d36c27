package io.drwatch.bench.rpo;

import io.drwatch.it.DelayProxy;
import io.drwatch.lab.FreePorts;
import io.drwatch.lab.PostgresPair;
import io.drwatch.lab.RedisPair;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The servers, proxy, writer and exporters of one bench run; closing stops them all. */
record Peers(PostgresPair pg, RedisPair redis, DelayProxy proxy, Writer writer, List<Process> exporters,
    int pgExporterPort, int redisExporterPort) implements AutoCloseable {

  static Peers start(Path dir) throws Exception {
    PostgresPair pg = PostgresPair.start(dir, 0, 0, Duration.ZERO);
    RedisPair redis = RedisPair.start(dir, 0, 0);
    DelayProxy proxy = new DelayProxy(redis.primaryPort(), Duration.ZERO);
    redis.cliReplica("REPLICAOF", "127.0.0.1", String.valueOf(proxy.port()));
    int pe = FreePorts.pick();
    int re = FreePorts.pick();
    List<Process> exporters = new ArrayList<>();
    // pg_replication_lag comes from the package's example queries.yaml (PG_EXPORTER_QUERIES).
    ProcessBuilder pgx = new ProcessBuilder(env("PG_EXPORTER", "prometheus-postgres-exporter"),
        "--web.listen-address=127.0.0.1:" + pe, "--extend.query-path=" + env("PG_EXPORTER_QUERIES", ""))
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("postgres_exporter.log").toFile());
    pgx.environment().put("DATA_SOURCE_NAME", "postgresql://postgres@127.0.0.1:" + pg.standbyPort()
        + "/postgres?sslmode=disable");
    exporters.add(pgx.start());
    exporters.add(new ProcessBuilder(env("REDIS_EXPORTER", "prometheus-redis-exporter"),
        "-redis.addr", "redis://127.0.0.1:" + redis.primaryPort(), "-web.listen-address", "127.0.0.1:" + re)
        .redirectErrorStream(true).redirectOutput(dir.resolve("redis_exporter.log").toFile()).start());
    Peers peers = new Peers(pg, redis, proxy, Writer.start(pg.primaryUrl()), exporters, pe, re);
    awaitUp(peers.pgExporter());
    awaitUp(peers.redisExporter());
    return peers;
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }

  private static void awaitUp(String url) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (int i = 0; i < 100; i++) {
      try {
        if (http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
            .statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException(url + " did not come up");
  }

  String pgExporter() {
    return "http://127.0.0.1:" + pgExporterPort + "/metrics";
  }

  String redisExporter() {
    return "http://127.0.0.1:" + redisExporterPort + "/metrics";
  }

  String daemonYaml(Path dir) {
    StringBuilder y = new StringBuilder("http: { host: 127.0.0.1, port: 0 }\nstate: { dir: \"")
        .append(dir.resolve("state")).append("\" }\nchannels:\n");
    for (String c : RpoBench.CHANNELS) {
      boolean isPg = c.startsWith("pg");
      y.append("""
            - name: %s
              kind: %s
              primary: { url: "%s" }
              replica: { url: "%s" }
              heartbeat: { interval: %s, timeout: 500ms }
              objective: { rpo: 1s }
          """.formatted(c, isPg ? "postgres" : "redis", isPg ? pg.primaryUrl() : redis.primaryUrl(),
          isPg ? pg.standbyUrl() : redis.replicaUrl(), c.endsWith("200ms") ? "200ms" : "1s"));
    }
    return y.toString();
  }

  @Override
  public void close() throws Exception {
    writer.close();
    exporters.forEach(Process::destroy);
    proxy.close();
    redis.close();
    pg.close();
  }
}
