package io.drwatch.artefacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.drwatch.config.ConfigException;
import io.drwatch.config.ConfigLoader;
import io.drwatch.config.DrwatchConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Helm chart, rendered by real Helm ({@link RealHelm}): every object passes its Kubernetes
 * schema, and then the objects are checked for what the schema cannot know: names, labels against
 * selectors, ports, probes, security context, volumes, annotations. The rendered drwatch.yaml must
 * pass {@link ConfigLoader#parse}: the shipped config is valid. Lint, values.schema.json, the
 * PrometheusRule, dashboards and mounted files: HelmPackagingTest.
 */
class HelmChartTest {
  private static final Path ROOT = Path.of("").toAbsolutePath();
  private static final Path CHART = ROOT.resolve("deploy/helm/drwatch");
  private static final String RELEASE = RealHelm.RELEASE;
  private static final String NAMESPACE = RealHelm.NAMESPACE;
  /** {@code <release>-<observer.name>} with the default values. */
  private static final String FULLNAME = "drwatch-use1-a";
  private static final String STATE_DIR = "/var/lib/drwatch";
  private static final String CONFIG_FILE = "/etc/drwatch/drwatch.yaml";

  /** The variables the default config refers to: the keys values.yaml tells users to put in the Secret. */
  private static final Set<String> SECRET_KEYS =
      Set.of("DRWATCH_PEER_TOKEN", "DRWATCH_EVENTS_TOKEN", "PG_PASSWORD", "PG_RO_PASSWORD");

  private static final YAMLMapper YAML = YAMLMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  // ---------------------------------------------------------------------------------------------
  // Default values

  @Test
  void defaultValuesRenderTheCoreObjectsWithOneNameAndOneSetOfLabels() {
    Map<String, JsonNode> docs = render(Map.of());

    assertThat(docs.keySet()).containsExactlyInAnyOrder(
        "ConfigMap", "Deployment", "Service", "ServiceAccount", "PodDisruptionBudget");
    JsonNode selector = docs.get("Deployment").at("/spec/selector/matchLabels");
    assertThat(fields(selector)).containsOnly(
        Map.entry("app.kubernetes.io/name", "drwatch"),
        Map.entry("app.kubernetes.io/instance", RELEASE),
        Map.entry("drwatch.io/observer", "use1-a"));
    docs.forEach((kind, doc) -> {
      assertThat(doc.at("/metadata/name").asText()).as(kind + " name").isEqualTo(FULLNAME);
      assertThat(doc.at("/metadata/namespace").asText()).as(kind + " namespace").isEqualTo(NAMESPACE);
      Map<String, String> labels = fields(doc.at("/metadata/labels"));
      assertThat(labels).as(kind + " labels").containsAllEntriesOf(fields(selector))
          .containsEntry("app.kubernetes.io/managed-by", "Helm")
          .containsEntry("app.kubernetes.io/version", "0.1.0")
          .containsEntry("helm.sh/chart", "drwatch-0.2.0");
    });
    // Everything that selects the pod selects exactly the Deployment's pod labels.
    assertThat(fields(docs.get("Deployment").at("/spec/template/metadata/labels")))
        .containsAllEntriesOf(fields(selector));
    assertThat(fields(docs.get("Service").at("/spec/selector"))).isEqualTo(fields(selector));
    assertThat(fields(docs.get("PodDisruptionBudget").at("/spec/selector/matchLabels")))
        .isEqualTo(fields(selector));
  }

  @Test
  void deploymentRunsOneNonRootReplicaWithAReadOnlyRootAndItsVolumes() throws IOException {
    Map<String, JsonNode> docs = render(Map.of());
    JsonNode deployment = docs.get("Deployment");
    JsonNode pod = deployment.at("/spec/template/spec");
    JsonNode container = single(pod.get("containers"));

    assertThat(deployment.at("/apiVersion").asText()).isEqualTo("apps/v1");
    assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(1);
    assertThat(deployment.at("/spec/strategy/type").asText()).isEqualTo("Recreate");
    assertThat(container.get("image").asText()).isEqualTo("registry.example.com/drwatch:0.1.0");
    assertThat(texts(container.get("args"))).containsExactly("run", "--config", CONFIG_FILE);

    JsonNode port = single(container.get("ports"));
    assertThat(port.get("name").asText()).isEqualTo("http-metrics");
    assertThat(port.get("containerPort").asInt()).isEqualTo(9464);
    assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/healthz");
    assertThat(container.at("/livenessProbe/httpGet/port").asText()).isEqualTo("http-metrics");
    assertThat(container.at("/livenessProbe/periodSeconds").asInt()).isEqualTo(10);
    assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/readyz");
    assertThat(container.at("/readinessProbe/httpGet/port").asText()).isEqualTo("http-metrics");

    // Non-root with the image's numeric ids (the Dockerfile's USER), read-only root, no privileges.
    int[] ids = dockerfileUser();
    assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
    assertThat(pod.at("/securityContext/runAsUser").asInt()).isEqualTo(ids[0]);
    assertThat(pod.at("/securityContext/runAsGroup").asInt()).isEqualTo(ids[1]);
    assertThat(pod.at("/securityContext/fsGroup").asInt()).isEqualTo(ids[1]);
    assertThat(pod.at("/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
    assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean()).isFalse();
    assertThat(texts(container.at("/securityContext/capabilities/drop"))).containsExactly("ALL");
    assertThat(pod.get("automountServiceAccountToken").asBoolean()).isFalse();
    assertThat(pod.get("serviceAccountName").asText()).isEqualTo(FULLNAME);

    // Writable places: the state dir (the journal) and /tmp (Vert.x' file cache); config read-only.
    Map<String, JsonNode> mounts = byName(container.get("volumeMounts"));
    assertThat(mounts.keySet()).containsExactlyInAnyOrder("config", "state", "tmp");
    assertThat(mounts.get("config").get("mountPath").asText() + "/drwatch.yaml").isEqualTo(CONFIG_FILE);
    assertThat(mounts.get("config").get("readOnly").asBoolean()).isTrue();
    assertThat(mounts.get("state").get("mountPath").asText()).isEqualTo(STATE_DIR);
    assertThat(mounts.get("tmp").get("mountPath").asText()).isEqualTo("/tmp");
    assertThat(dockerfileVolumes()).as("the Dockerfile declares the state volume; /tmp is the runtime's tmpfs")
        .containsExactly(STATE_DIR);
    Map<String, JsonNode> volumes = byName(pod.get("volumes"));
    assertThat(volumes.get("config").at("/configMap/name").asText())
        .isEqualTo(docs.get("ConfigMap").at("/metadata/name").asText());
    assertThat(volumes.get("config").at("/configMap/items/0/key").asText()).isEqualTo("drwatch.yaml");
    assertThat(volumes.get("state").has("emptyDir")).isTrue();
    assertThat(volumes.get("tmp").has("emptyDir")).isTrue();

    // Secrets come in as environment variables from an existing Secret, never through the ConfigMap.
    assertThat(single(container.get("envFrom")).at("/secretRef/name").asText()).isEqualTo("drwatch");
    assertThat(byName(container.get("env")).get("JDK_JAVA_OPTIONS").get("value").asText())
        .contains("MaxRAMPercentage");
    assertThat(container.at("/resources/requests/memory").asText()).isEqualTo("256Mi");
    assertThat(container.at("/resources/limits/memory").asText()).isEqualTo("512Mi");
    assertThat(container.at("/resources/limits/cpu").isMissingNode()).as("no CPU limit").isTrue();

    // A config change changes the pod template, so the Deployment rolls.
    String configText = docs.get("ConfigMap").at("/data/drwatch.yaml").asText();
    assertThat(deployment.at("/spec/template/metadata/annotations/checksum~1config").asText())
        .isEqualTo(sha256(configText.stripTrailing()));
  }

  @Test
  void serviceExposesTheMetricsPortAndTheDefaultServiceAccountHasNoRole() {
    Map<String, JsonNode> docs = render(Map.of());
    JsonNode port = single(docs.get("Service").at("/spec/ports"));
    assertThat(docs.get("Service").at("/spec/type").asText()).isEqualTo("ClusterIP");
    assertThat(port.get("name").asText()).isEqualTo("http-metrics");
    assertThat(port.get("port").asInt()).isEqualTo(9464);
    assertThat(port.get("targetPort").asText()).isEqualTo("http-metrics");

    JsonNode account = docs.get("ServiceAccount");
    assertThat(account.at("/metadata/annotations").isMissingNode()).isTrue();
    assertThat(account.get("automountServiceAccountToken").asBoolean()).isFalse();

    JsonNode pdb = docs.get("PodDisruptionBudget");
    assertThat(pdb.get("apiVersion").asText()).isEqualTo("policy/v1");
    assertThat(pdb.at("/spec/maxUnavailable").asInt()).isEqualTo(1);
    assertThat(pdb.at("/spec/minAvailable").isMissingNode()).isTrue();
  }

  @Test
  void defaultConfigMapHoldsAValidDrwatchConfig() throws ConfigException {
    Map<String, JsonNode> docs = render(Map.of());
    String yaml = docs.get("ConfigMap").at("/data/drwatch.yaml").asText();
    assertThat(docs.get("ConfigMap").get("data").size()).isEqualTo(1);

    Set<String> referenced = new TreeSet<>();
    Matcher m = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)").matcher(yaml);
    while (m.find()) {
      referenced.add(m.group(1));
    }
    assertThat(referenced).as("variables the config needs from the Secret").isEqualTo(SECRET_KEYS);
    Map<String, String> env = new HashMap<>();
    referenced.forEach(name -> env.put(name, "test-" + name.toLowerCase()));

    DrwatchConfig config = ConfigLoader.parse(yaml, env::get);
    JsonNode container = single(docs.get("Deployment").at("/spec/template/spec/containers"));
    assertThat(config.observer().name()).isEqualTo("use1-a");
    assertThat(config.observer().region()).isEqualTo("us-east-1");
    assertThat(config.http().host()).as("reachable from the kubelet and Prometheus").isEqualTo("0.0.0.0");
    assertThat(config.http().port()).isEqualTo(container.at("/ports/0/containerPort").asInt());
    assertThat(config.http().readToken()).isEmpty();
    assertThat(config.state().dir()).isEqualTo(Path.of(STATE_DIR));
    assertThat(config.channels()).extracting(c -> c.name()).containsExactly("orders-db", "sessions");
    assertThat(config.detection().events().token().map(io.drwatch.config.Secret::value))
        .contains("test-drwatch_events_token");
    assertThat(config.detection().events().sqs()).hasSize(2);
    // Secrets stay out of the ConfigMap: every secret-looking key holds a ${...} reference.
    Matcher secret = Pattern.compile("(?m)^\\s*(password|token|peerToken|bearerToken|headerValue):\\s*(.*)$")
        .matcher(yaml);
    int secrets = 0;
    while (secret.find()) {
      secrets++;
      assertThat(secret.group(2)).as(secret.group(1)).matches("\"?\\$\\{[A-Z_]+}\"?");
    }
    assertThat(secrets).isGreaterThanOrEqualTo(4);

    // Without the Secret the daemon refuses to start, naming the variable.
    assertThatThrownBy(() -> ConfigLoader.parse(yaml, name -> null))
        .isInstanceOf(ConfigException.class).hasMessageContaining("PG_PASSWORD");
  }

  @Test
  void configMayNotRepeatWhatTheChartOwns() {
    Map<String, Object> overrides = Map.of("config", Map.of(
        "http", Map.of("port", 8080),
        "channels", List.of(Map.of("name", "a", "kind", "redis",
            "primary", Map.of("url", "redis://a:6379"), "replica", Map.of("url", "redis://b:6379")))));
    // values.schema.json stops it at install time; drwatch would refuse the duplicate key anyway.
    assertThatThrownBy(() -> render(overrides)).hasMessageContaining("at '/config'");
  }

  // ---------------------------------------------------------------------------------------------
  // Overrides

  @Test
  void serviceMonitorWhenEnabledScrapesTheServiceAsJobDrwatch() throws IOException {
    Map<String, JsonNode> docs = render(Map.of("serviceMonitor",
        Map.of("enabled", true, "labels", Map.of("release", "kube-prometheus-stack"))));
    assertThat(docs).containsKey("ServiceMonitor");
    JsonNode monitor = docs.get("ServiceMonitor");
    JsonNode service = docs.get("Service");

    assertThat(monitor.get("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
    assertThat(monitor.at("/metadata/name").asText()).isEqualTo(FULLNAME);
    assertThat(monitor.at("/metadata/namespace").asText()).isEqualTo(NAMESPACE);
    assertThat(fields(monitor.at("/metadata/labels"))).containsEntry("release", "kube-prometheus-stack");
    assertThat(fields(service.at("/metadata/labels")))
        .as("the ServiceMonitor selects the Service")
        .containsAllEntriesOf(fields(monitor.at("/spec/selector/matchLabels")));
    assertThat(texts(monitor.at("/spec/namespaceSelector/matchNames"))).containsExactly(NAMESPACE);
    JsonNode endpoint = single(monitor.at("/spec/endpoints"));
    assertThat(endpoint.get("port").asText()).isEqualTo(service.at("/spec/ports/0/name").asText());
    assertThat(endpoint.get("path").asText()).isEqualTo("/metrics");
    assertThat(endpoint.get("interval").asText()).isEqualTo("15s");

    // The job label is the Service's app.kubernetes.io/name: "drwatch", as the alert rules expect.
    String jobLabel = monitor.at("/spec/jobLabel").asText();
    String job = fields(service.at("/metadata/labels")).get(jobLabel);
    assertThat(job).isEqualTo("drwatch");
    assertThat(Files.readString(ROOT.resolve("alerts/drwatch.rules.yml"))).contains("job=\"" + job + "\"");
  }

  @Test
  void roleArnAddsTheIrsaAnnotation() {
    String arn = "arn:aws:iam::111122223333:role/drwatch-monitor";
    JsonNode account = render(Map.of("serviceAccount",
        Map.of("roleArn", arn, "annotations", Map.of("example.com/owner", "sre"))))
        .get("ServiceAccount");
    assertThat(fields(account.at("/metadata/annotations"))).containsOnly(
        Map.entry("eks.amazonaws.com/role-arn", arn), Map.entry("example.com/owner", "sre"));
  }

  @Test
  void persistenceUsesAKeptClaimOrAnExistingOne() {
    Map<String, JsonNode> created = render(Map.of("persistence",
        Map.of("enabled", true, "storageClass", "gp3")));
    JsonNode claim = created.get("PersistentVolumeClaim");
    assertThat(claim.at("/metadata/name").asText()).isEqualTo(FULLNAME + "-state");
    assertThat(claim.at("/metadata/annotations/helm.sh~1resource-policy").asText()).isEqualTo("keep");
    assertThat(claim.at("/spec/storageClassName").asText()).isEqualTo("gp3");
    assertThat(claim.at("/spec/resources/requests/storage").asText()).isEqualTo("1Gi");
    assertThat(texts(claim.at("/spec/accessModes"))).containsExactly("ReadWriteOnce");
    assertThat(stateVolume(created).at("/persistentVolumeClaim/claimName").asText())
        .isEqualTo(FULLNAME + "-state");

    Map<String, JsonNode> existing = render(Map.of("persistence",
        Map.of("enabled", true, "existingClaim", "drwatch-journal")));
    assertThat(existing).doesNotContainKey("PersistentVolumeClaim");
    assertThat(stateVolume(existing).at("/persistentVolumeClaim/claimName").asText())
        .isEqualTo("drwatch-journal");
  }

  @Test
  void overridesReachThePod() {
    Map<String, Object> overrides = new LinkedHashMap<>();
    overrides.put("image", Map.of("digest", "sha256:" + "a".repeat(64)));
    overrides.put("existingSecret", "");
    overrides.put("env", List.of(Map.of("name", "PG_PASSWORD", "valueFrom",
        Map.of("secretKeyRef", Map.of("name", "orders-db-drwatch", "key", "password")))));
    overrides.put("podDisruptionBudget", Map.of("minAvailable", 1));
    overrides.put("http", Map.of("port", 9500));
    overrides.put("fullnameOverride", "dr-observer");
    Map<String, JsonNode> docs = render(overrides);
    JsonNode container = single(docs.get("Deployment").at("/spec/template/spec/containers"));

    assertThat(container.get("image").asText()).isEqualTo("registry.example.com/drwatch@sha256:" + "a".repeat(64));
    assertThat(container.has("envFrom")).isFalse();
    assertThat(byName(container.get("env")).get("PG_PASSWORD").at("/valueFrom/secretKeyRef/name").asText())
        .isEqualTo("orders-db-drwatch");
    assertThat(container.at("/ports/0/containerPort").asInt()).isEqualTo(9500);
    assertThat(docs.get("Service").at("/spec/ports/0/targetPort").asText()).isEqualTo("http-metrics");
    assertThat(docs.get("PodDisruptionBudget").at("/spec/minAvailable").asInt()).isEqualTo(1);
    assertThat(docs.get("PodDisruptionBudget").at("/spec/maxUnavailable").isMissingNode()).isTrue();
    docs.values().forEach(d -> assertThat(d.at("/metadata/name").asText()).isEqualTo("dr-observer"));
    String yaml = docs.get("ConfigMap").at("/data/drwatch.yaml").asText();
    assertThat(yaml).contains("port: 9500");
  }

  @Test
  void kubernetesRbacWhenEnabledGrantsTheChannelReadsAndTheScaleAction() {
    Map<String, JsonNode> docs = render(Map.of("rbac", Map.of("kubernetes", Map.of("enabled", true,
        "namespace", "shop", "secretNames", List.of("api-db"), "failover", true))));
    JsonNode role = docs.get("Role");
    JsonNode binding = docs.get("RoleBinding");

    assertThat(role.at("/metadata/namespace").asText()).isEqualTo("shop");
    List<String> rules = new ArrayList<>();
    role.get("rules").forEach(r -> r.get("resources").forEach(res -> rules.add(res.asText() + ":"
        + r.get("verbs").toString() + (r.has("resourceNames") ? r.get("resourceNames").toString() : ""))));
    assertThat(rules).containsExactlyInAnyOrder("deployments:[\"get\"]", "horizontalpodautoscalers:[\"list\"]",
        "configmaps:[\"get\"]", "pods:[\"list\"]", "secrets:[\"get\"][\"api-db\"]",
        "deployments/scale:[\"get\",\"update\",\"patch\"]", "horizontalpodautoscalers:[\"get\",\"patch\"]");
    assertThat(binding.at("/roleRef/name").asText()).isEqualTo(role.at("/metadata/name").asText());
    assertThat(binding.at("/subjects/0/name").asText()).isEqualTo(docs.get("ServiceAccount").at("/metadata/name").asText());
    assertThat(binding.at("/subjects/0/namespace").asText()).isEqualTo(NAMESPACE);
    assertThat(render(Map.of())).doesNotContainKeys("Role", "RoleBinding");
  }

  // ---------------------------------------------------------------------------------------------
  // The chart's own files

  @Test
  void chartMetadataAndDocumentedValues() throws IOException {
    JsonNode chart = YAML.readTree(CHART.resolve("Chart.yaml").toFile());
    assertThat(chart.get("apiVersion").asText()).isEqualTo("v2");
    assertThat(chart.get("name").asText()).isEqualTo(CHART.getFileName().toString());
    assertThat(chart.get("version").asText()).matches("\\d+\\.\\d+\\.\\d+");
    assertThat(chart.get("appVersion").asText()).matches("\\d+\\.\\d+\\.\\d+");

    // values.yaml is documented: every top-level key has a comment right above it.
    List<String> lines = Files.readAllLines(CHART.resolve("values.yaml"));
    List<String> undocumented = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).matches("[A-Za-z][A-Za-z0-9]*:.*")
          && (i == 0 || !lines.get(i - 1).startsWith("#"))) {
        undocumented.add(lines.get(i));
      }
    }
    assertThat(undocumented).as("top-level values without a comment above them").isEmpty();
  }

  @Test
  void notesRender() {
    String notes = RealHelm.notes(Map.of());
    assertThat(notes).contains("port-forward svc/" + FULLNAME + " 9464:9464")
        .contains("Secret \"drwatch\"");
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  /** Renders the chart with real Helm, values.yaml merged with {@code overrides}; one document per kind. */
  static Map<String, JsonNode> render(Map<String, Object> overrides) {
    Map<String, JsonNode> byKind = new TreeMap<>();
    for (JsonNode doc : RealHelm.template(overrides)) {
      String kind = doc.path("kind").asText();
      assertThat(byKind.put(kind, doc)).as("a second " + kind).isNull();
    }
    return byKind;
  }

  private static JsonNode stateVolume(Map<String, JsonNode> docs) {
    return byName(docs.get("Deployment").at("/spec/template/spec/volumes")).get("state");
  }

  private static JsonNode single(JsonNode array) {
    assertThat(array.isArray()).as("a list: " + array).isTrue();
    assertThat(array.size()).as("one element: " + array).isEqualTo(1);
    return array.get(0);
  }

  private static Map<String, JsonNode> byName(JsonNode array) {
    Map<String, JsonNode> m = new LinkedHashMap<>();
    array.forEach(e -> assertThat(m.put(e.get("name").asText(), e)).as("duplicate name in " + array).isNull());
    return m;
  }

  private static Map<String, String> fields(JsonNode map) {
    Map<String, String> m = new TreeMap<>();
    map.properties().forEach(e -> m.put(e.getKey(), e.getValue().asText()));
    return m;
  }

  private static List<String> texts(JsonNode array) {
    List<String> l = new ArrayList<>();
    array.forEach(e -> l.add(e.asText()));
    return l;
  }

  /** uid and gid of the Dockerfile's {@code USER uid:gid}. */
  private static int[] dockerfileUser() throws IOException {
    Matcher m = Pattern.compile("(?m)^USER\\s+(\\d+):(\\d+)\\s*$").matcher(Files.readString(ROOT.resolve("Dockerfile")));
    assertThat(m.find()).as("Dockerfile has a numeric USER uid:gid").isTrue();
    return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
  }

  private static List<String> dockerfileVolumes() throws IOException {
    Matcher m = Pattern.compile("(?m)^VOLUME\\s+\\[(.*)]\\s*$").matcher(Files.readString(ROOT.resolve("Dockerfile")));
    assertThat(m.find()).as("Dockerfile has VOLUME [...]").isTrue();
    return Stream.of(m.group(1).split(",")).map(s -> s.trim().replace("\"", "")).toList();
  }

  static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
