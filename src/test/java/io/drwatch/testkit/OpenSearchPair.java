package io.drwatch.testkit;

import io.drwatch.lab.FreePorts;
import io.drwatch.lab.LabProcesses;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Two real single-node OpenSearch 2.19.6 clusters ("leader" and "follower") on loopback, from the
 * minimal integ-test-zip distribution of Maven Central (no security, no cross-cluster-replication
 * plugin: that one is not published, so replication itself is the test's business). The zip is
 * fetched once into ~/.m2 by the maven-dependency-plugin; each pair unpacks it into a scratch
 * directory under the system temp dir, shares that install between both nodes (own config, data
 * and logs per node via OPENSEARCH_PATH_CONF) and deletes it on close. OpenSearch refuses to run as
 * root, so as root the nodes run as a system user {@value #USER}, created if missing. JDK 17, heap 512m.
 */
public final class OpenSearchPair implements AutoCloseable {
  static final String VERSION = "2.19.6";
  static final String USER = "opensearch";
  private static final Path JAVA_HOME = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  private final Path dir;
  private final List<Node> nodes = new ArrayList<>();
  private final List<Process> launchers = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private Duration startTime = Duration.ZERO;

  /** One node: its name, http port and directory. */
  public record Node(String name, int httpPort, Path dir) {
    public String url() {
      return "http://127.0.0.1:" + httpPort;
    }
  }

  private OpenSearchPair(Path dir) {
    this.dir = dir;
  }

  public static OpenSearchPair start(Path baseDir) throws Exception {
    Path zip = zip();
    OpenSearchPair pair = new OpenSearchPair(Files.createTempDirectory(baseDir, "opensearch-pair-"));
    LabProcesses.register(pair);
    try {
      long t0 = System.nanoTime();
      run(List.of("unzip", "-q", zip.toString(), "-d", pair.dir.toString()), Duration.ofSeconds(60));
      Path home = pair.dir.resolve("opensearch-" + VERSION);
      boolean root = "root".equals(System.getProperty("user.name"));
      if (root) {
        ensureUser();
        run(List.of("chmod", "755", pair.dir.toString()), Duration.ofSeconds(5));
      }
      for (String name : List.of("leader", "follower")) {
        pair.nodes.add(pair.launch(home, name, root));
      }
      for (Node n : pair.nodes) {
        pair.awaitHealthy(n);
      }
      pair.startTime = Duration.ofNanos(System.nanoTime() - t0);
      System.out.printf("opensearch pair (unzip + 2 nodes) up in %d ms%n", pair.startTime.toMillis());
      return pair;
    } catch (Exception | Error e) {
      pair.close();
      throw e;
    }
  }

  public Node leader() {
    return nodes.get(0);
  }

  public Node follower() {
    return nodes.get(1);
  }

  public Duration startTime() {
    return startTime;
  }

  /** The zip in the local repository, fetched by Maven the first time. */
  private static Path zip() throws Exception {
    Path m2 = Path.of(System.getProperty("user.home"), ".m2", "repository", "org", "opensearch", "distribution",
        "integ-test-zip", "opensearch", VERSION, "opensearch-" + VERSION + ".zip");
    if (!Files.exists(m2)) {
      Path cache = Path.of(System.getProperty("user.home"), ".cache", "drwatch");
      Files.createDirectories(cache);
      run(List.of("mvn", "-q", "-B", "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy",
          "-Dartifact=org.opensearch.distribution.integ-test-zip:opensearch:" + VERSION + ":zip",
          "-DoutputDirectory=" + cache), Duration.ofMinutes(5));
      return cache.resolve("opensearch-" + VERSION + ".zip");
    }
    return m2;
  }

  private static void ensureUser() throws Exception {
    if (new ProcessBuilder("id", USER).start().waitFor() != 0) {
      run(List.of("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", USER), Duration.ofSeconds(10));
    }
  }

  private Node launch(Path home, String name, boolean root) throws Exception {
    Path nodeDir = dir.resolve(name);
    Path config = nodeDir.resolve("config");
    Files.createDirectories(nodeDir.resolve("data"));
    Files.createDirectories(nodeDir.resolve("logs"));
    run(List.of("cp", "-r", home.resolve("config").toString(), config.toString()), Duration.ofSeconds(10));
    Node node = new Node(name, FreePorts.pick(), nodeDir);
    Files.writeString(config.resolve("opensearch.yml"), """
        cluster.name: drwatch-%s
        node.name: %s
        network.host: 127.0.0.1
        http.port: %d
        transport.port: %d
        discovery.type: single-node
        path.data: %s
        path.logs: %s
        cluster.routing.allocation.disk.threshold_enabled: false
        """.formatted(name, name, node.httpPort(), FreePorts.pick(), nodeDir.resolve("data"), nodeDir.resolve("logs")));
    // The default jvm.options name paths relative to the install (logs/gc.log, data), which the
    // nodes share and may not write: point them into the node's own directory. Heap 512m.
    Path jvm = config.resolve("jvm.options");
    Files.writeString(jvm, Files.readString(jvm).replace("logs/", nodeDir.resolve("logs") + "/")
        .replace("HeapDumpPath=data", "HeapDumpPath=" + nodeDir.resolve("data"))
        .replaceAll("(?m)^-Xms\\S+$", "-Xms512m").replaceAll("(?m)^-Xmx\\S+$", "-Xmx512m"));
    if (root) {
      run(List.of("chown", "-R", USER + ":" + USER, nodeDir.toString()), Duration.ofSeconds(10));
    }
    List<String> cmd = new ArrayList<>(root ? List.of("runuser", "-u", USER, "--") : List.of());
    cmd.addAll(List.of("env", "JAVA_HOME=" + JAVA_HOME, "OPENSEARCH_PATH_CONF=" + config,
        home.resolve("bin").resolve("opensearch").toString(), "-d", "-p", nodeDir.resolve("os.pid").toString()));
    // Working directory = the node's: the default jvm.options log GC to the relative logs/gc.log.
    launchers.add(new ProcessBuilder(cmd).directory(nodeDir.toFile()).redirectErrorStream(true)
        .redirectOutput(nodeDir.resolve("launch.out").toFile()).start());
    return node;
  }

  private void awaitHealthy(Node n) throws Exception {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    Process launcher = launchers.get(nodes.indexOf(n));
    while (System.nanoTime() < deadline) {
      if (!launcher.isAlive() && launcher.exitValue() != 0) {
        break; // -d: the launcher exits 0 once the node runs; anything else is a failed start
      }
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(n.url()
            + "/_cluster/health?wait_for_status=yellow&timeout=1s")).timeout(Duration.ofSeconds(3)).build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Await.pause(Duration.ofMillis(200));
    }
    throw new IOException("opensearch " + n.name() + " not healthy: "
        + tail(n.dir().resolve("launch.out")));
  }

  private static String tail(Path p) {
    try {
      List<String> lines = Files.readAllLines(p);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    } catch (IOException e) {
      return "(no " + p + ")";
    }
  }

  private static void run(List<String> cmd, Duration timeout) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", cmd) + " failed: " + out);
    }
  }

  /** Stops both nodes (TERM, then KILL after 20 s) and deletes the scratch directory. */
  @Override
  public void close() {
    for (Node n : nodes) {
      try {
        long pid = Long.parseLong(Files.readString(n.dir().resolve("os.pid")).strip());
        ProcessHandle.of(pid).ifPresent(h -> {
          h.destroy();
          try {
            h.onExit().get(20, TimeUnit.SECONDS);
          } catch (Exception e) {
            h.destroyForcibly();
          }
        });
      } catch (IOException | NumberFormatException e) {
        System.err.println("opensearch " + n.name() + ": no pid file (" + e.getMessage() + ")");
      }
    }
    try {
      run(List.of("rm", "-rf", dir.toString()), Duration.ofSeconds(30));
    } catch (Exception e) {
      System.err.println("cannot delete " + dir + ": " + e.getMessage());
    }
    LabProcesses.unregister(this);
  }
}
