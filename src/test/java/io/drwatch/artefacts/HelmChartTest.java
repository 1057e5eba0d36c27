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
 * The Helm chart {@code deploy/helm/drwatch}, checked WITHOUT helm: there is no helm binary here.
 *
 * <p>This is a template check, not {@code helm template} or {@code helm lint}. {@link MiniHelm}
 * below implements the small part of Helm's template language the chart uses (its javadoc lists
 * it) and fails on anything else, so the chart cannot quietly grow a construct this test does not
 * understand. Each template is rendered with the default values and with overrides, every rendered
 * document is parsed with Jackson YAML (duplicate keys are errors), and the objects are checked:
 * kinds, names, labels against selectors, ports, probes, security context, volumes, annotations.
 * The rendered drwatch.yaml must pass {@link ConfigLoader#parse}: the shipped config is valid.
 * What it cannot catch: Helm/Sprig behaviour outside the subset, and Kubernetes schema validation.
 */
class HelmChartTest {
  private static final Path ROOT = Path.of("").toAbsolutePath();
  private static final Path CHART = ROOT.resolve("deploy/helm/drwatch");
  private static final String RELEASE = "drwatch";
  private static final String NAMESPACE = "dr-system";
  /** {@code <release>-<observer.name>} with the default values. */
  private static final String FULLNAME = "drwatch-use1-a";
  private static final String STATE_DIR = "/var/lib/drwatch";
  private static final String CONFIG_FILE = "/etc/drwatch/drwatch.yaml";

  /** The variables the default config refers to: the keys values.yaml tells users to put in the Secret. */
  private static final Set<String> SECRET_KEYS =
      Set.of("DRWATCH_TOKEN", "DRWATCH_EVENTS_TOKEN", "PG_PASSWORD", "PG_RO_PASSWORD");

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
          .containsEntry("helm.sh/chart", "drwatch-0.1.0");
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
    assertThat(dockerfileVolumes()).as("the Dockerfile declares the same writable places")
        .contains(STATE_DIR, "/tmp");
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
    String yaml = render(overrides).get("ConfigMap").at("/data/drwatch.yaml").asText();
    assertThatThrownBy(() -> ConfigLoader.parse(yaml, name -> "x"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("http");
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
    overrides.put("http", Map.of("port", 9500, "token", ""));
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
    assertThat(yaml).contains("port: 9500").doesNotContain("token: \"\"");
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
    String notes = MiniHelm.load(CHART).render(context(values(Map.of()))).get("NOTES.txt");
    assertThat(notes).contains("port-forward svc/" + FULLNAME + " 9464:9464")
        .contains("Secret \"drwatch\"");
  }

  /** The renderer itself, on the constructs the chart uses. */
  @Test
  void miniHelmSubset() {
    Map<String, Object> ctx = Map.of("Values", Map.of("a", "x", "n", 0, "m", Map.of("k", List.of(1, 2))));
    Function<String, String> r = src -> MiniHelm.parse(Map.of("t.yaml", src)).render(ctx).get("t.yaml");
    assertThat(r.apply("a:\n  {{- if .Values.a }}\n  b: {{ .Values.a | quote }}\n  {{- end }}\n"))
        .isEqualTo("a:\n  b: \"x\"\n");
    assertThat(r.apply("{{ if .Values.n }}yes{{ else }}no{{ end }}")).isEqualTo("no");
    assertThat(r.apply("{{ .Values.missing | default (printf \"%s-%s\" .Values.a \"y\") }}")).isEqualTo("x-y");
    assertThat(r.apply("m:\n  {{- toYaml .Values.m | nindent 2 }}")).isEqualTo("m:\n  k:\n  - 1\n  - 2");
    assertThat(r.apply("{{- define \"d\" -}}\n  <{{ .a }}>  \n{{- end -}}\n{{ include \"d\" .Values }}")).isEqualTo("<x>");
    assertThat(r.apply("{{ \"abcdef-\" | trunc 7 | trimSuffix \"-\" }}{{/* gone */}}")).isEqualTo("abcdef");
    assertThat(r.apply("{{ and .Values.a .Values.n }} {{ or .Values.n .Values.a }} {{ not .Values.n }}"))
        .isEqualTo("0 x true");
    assertThatThrownBy(() -> r.apply("{{ range .Values.m }}{{ end }}"))
        .hasMessageContaining("not in the subset");
    assertThatThrownBy(() -> r.apply("{{ .Values.a | upper }}")).hasMessageContaining("upper");
    assertThatThrownBy(() -> r.apply("{{ .Values.missing }}")).hasMessageContaining("renders nothing");
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  /** Renders the chart with values.yaml merged with {@code overrides}; one document per kind. */
  private static Map<String, JsonNode> render(Map<String, Object> overrides) {
    Map<String, String> files = MiniHelm.load(CHART).render(context(values(overrides)));
    Map<String, JsonNode> byKind = new TreeMap<>();
    files.forEach((file, text) -> {
      if (file.equals("NOTES.txt")) {
        return;
      }
      for (JsonNode doc : parseDocuments(file, text)) {
        String kind = doc.path("kind").asText();
        assertThat(kind).as(file + ": kind").isNotEmpty();
        assertThat(doc.path("apiVersion").asText()).as(file + ": apiVersion").isNotEmpty();
        assertThat(byKind.put(kind, doc)).as("a second " + kind + " in " + file).isNull();
      }
    });
    return byKind;
  }

  private static List<JsonNode> parseDocuments(String file, String text) {
    List<JsonNode> docs = new ArrayList<>();
    try (JsonParser parser = YAML.createParser(text);
        MappingIterator<JsonNode> it = YAML.readValues(parser, JsonNode.class)) {
      while (it.hasNextValue()) {
        JsonNode doc = it.nextValue();
        if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
          assertThat(doc.isObject()).as(file + " renders a map").isTrue();
          docs.add(doc);
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new AssertionError(file + " does not render to valid YAML: " + e.getMessage()
          + "\n--- rendered ---\n" + text, e);
    }
    return docs;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> values(Map<String, Object> overrides) {
    try {
      Map<String, Object> defaults = YAML.readValue(CHART.resolve("values.yaml").toFile(), Map.class);
      return MiniHelm.merge(defaults, overrides);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What Helm passes to a template as {@code .}; Chart fields are capitalised, as in Helm. */
  static Map<String, Object> context(Map<String, Object> values) {
    try {
      JsonNode chart = YAML.readTree(CHART.resolve("Chart.yaml").toFile());
      return Map.of(
          "Values", values,
          "Release", Map.of("Name", RELEASE, "Namespace", NAMESPACE, "Service", "Helm"),
          "Chart", Map.of("Name", chart.get("name").asText(), "Version", chart.get("version").asText(),
              "AppVersion", chart.get("appVersion").asText()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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

  /**
   * A tiny renderer for the subset of Helm's template language (Go text/template plus a few Sprig
   * functions) that this chart uses, and nothing more. It is a test aid, not helm.
   *
   * <ul>
   *   <li>Actions: {@code {{ pipeline }}}, {@code {{ if pipeline }} ... {{ else }} ... {{ end }}},
   *       {@code {{ define "name" }} ... {{ end }}} (top level), {@code {{/* comment * /}}}; the
   *       trim markers {@code {{- } and {@code -}}} remove all adjacent whitespace, as in Go.
   *   <li>Pipelines: {@code a | f b | g}, the piped value is the last argument; operands are
   *       {@code .}, {@code .Field.Path}, "strings", integers, true/false/nil and
   *       {@code ( pipeline )}.
   *   <li>Functions: include, toYaml, nindent, indent, quote, default, trunc, trimSuffix, printf
   *       (%s %d %v), sha256sum, not, and, or.
   *   <li>Truthiness as in Go: false, 0, nil, "" and empty maps/lists are false.
   * </ul>
   *
   * <p>Stricter than Helm, on purpose: anything else ({@code range}, {@code with}, variables,
   * {@code else if}, other functions) is an error, and so is printing a missing value (Helm prints
   * nothing), which catches a misspelt values path.
   */
  static final class MiniHelm {
    private static final Set<String> FUNCTIONS = Set.of("include", "toYaml", "nindent", "indent",
        "quote", "default", "trunc", "trimSuffix", "printf", "sha256sum", "not", "and", "or");
    private static final YAMLMapper TO_YAML = YAMLMapper.builder()
        .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
        .build();

    private sealed interface Node permits Text, Output, If {}

    private record Text(String text) implements Node {}

    private record Output(Pipeline pipeline) implements Node {}

    private record If(Pipeline condition, List<Node> then, List<Node> otherwise) implements Node {}

    private record Pipeline(List<List<Object>> commands) {}

    private record Field(String path) {}

    private record Ident(String name) {}

    private record Tag(String body, String where) {}

    private final Map<String, List<Node>> defines = new HashMap<>();
    private final Map<String, List<Node>> files = new TreeMap<>();

    /** Every file of {@code chart/templates}: *.yaml and NOTES.txt are rendered, *.tpl only define. */
    static MiniHelm load(Path chart) {
      Map<String, String> sources = new TreeMap<>();
      try (Stream<Path> s = Files.list(chart.resolve("templates"))) {
        for (Path p : s.sorted().toList()) {
          sources.put(p.getFileName().toString(), Files.readString(p));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return parse(sources);
    }

    static MiniHelm parse(Map<String, String> sources) {
      MiniHelm helm = new MiniHelm();
      sources.forEach((name, src) -> {
        List<Object> tokens = lex(src, name);
        int[] at = {0};
        List<Node> nodes = helm.parseList(tokens, at, name, true);
        if (at[0] < tokens.size()) {
          throw new IllegalArgumentException(name + ": unexpected {{ " + ((Tag) tokens.get(at[0])).body() + " }}");
        }
        if (!name.startsWith("_")) {
          helm.files.put(name, nodes);
        }
      });
      return helm;
    }

    /** Rendered text per template file. */
    Map<String, String> render(Map<String, Object> root) {
      Map<String, String> out = new TreeMap<>();
      files.forEach((name, nodes) -> {
        try {
          out.put(name, renderNodes(nodes, root));
        } catch (RuntimeException e) {
          throw new IllegalStateException(name + ": " + e.getMessage(), e);
        }
      });
      return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> overrides) {
      Map<String, Object> m = new LinkedHashMap<>(base);
      overrides.forEach((k, v) -> {
        if (v instanceof Map<?, ?> o && m.get(k) instanceof Map<?, ?> b) {
          m.put(k, merge((Map<String, Object>) b, (Map<String, Object>) o));
        } else {
          m.put(k, v);
        }
      });
      return m;
    }

    // -- lexing: text and {{ tags }}, with Go's trim markers

    private static List<Object> lex(String src, String file) {
      List<Object> tokens = new ArrayList<>();
      int i = 0;
      boolean trimNext = false;
      while (true) {
        int open = src.indexOf("{{", i);
        String text = src.substring(i, open < 0 ? src.length() : open);
        if (trimNext) {
          text = text.stripLeading();
        }
        if (open < 0) {
          tokens.add(text);
          return tokens;
        }
        int bodyStart = open + 2;
        if (src.startsWith("-", bodyStart) && bodyStart + 1 < src.length()
            && Character.isWhitespace(src.charAt(bodyStart + 1))) {
          text = text.stripTrailing();
          bodyStart++;
        }
        tokens.add(text);
        int close = src.indexOf("}}", bodyStart);
        if (close < 0) {
          throw new IllegalArgumentException(file + ": unclosed {{");
        }
        int bodyEnd = close;
        trimNext = src.charAt(close - 1) == '-' && Character.isWhitespace(src.charAt(close - 2));
        if (trimNext) {
          bodyEnd--;
        }
        String body = src.substring(bodyStart, bodyEnd).strip();
        String where = file + ":" + (1 + src.substring(0, open).lines().count());
        if (!(body.startsWith("/*") && body.endsWith("*/"))) {
          tokens.add(new Tag(body, where));
        }
        i = close + 2;
      }
    }

    // -- parsing

    private List<Node> parseList(List<Object> tokens, int[] at, String file, boolean topLevel) {
      List<Node> nodes = new ArrayList<>();
      while (at[0] < tokens.size()) {
        Object token = tokens.get(at[0]);
        if (token instanceof String s) {
          if (!s.isEmpty()) {
            nodes.add(new Text(s));
          }
          at[0]++;
          continue;
        }
        Tag tag = (Tag) token;
        String body = tag.body();
        String keyword = body.split("\\s+", 2)[0];
        switch (keyword) {
          case "end", "else" -> {
            if (body.startsWith("else ")) {
              throw unsupported(tag);
            }
            return nodes;
          }
          case "define" -> {
            if (!topLevel) {
              throw new IllegalArgumentException(tag.where() + ": define inside a block");
            }
            String name = (String) single(parsePipeline(body.substring(6), tag));
            at[0]++;
            List<Node> inner = parseList(tokens, at, file, false);
            expect(tokens, at, "end", tag);
            defines.put(name, inner);
          }
          case "if" -> {
            Pipeline condition = parsePipeline(body.substring(2), tag);
            at[0]++;
            List<Node> then = parseList(tokens, at, file, false);
            List<Node> otherwise = List.of();
            if (at[0] < tokens.size() && ((Tag) tokens.get(at[0])).body().equals("else")) {
              at[0]++;
              otherwise = parseList(tokens, at, file, false);
            }
            expect(tokens, at, "end", tag);
            nodes.add(new If(condition, then, otherwise));
          }
          case "range", "with", "template", "block", "tpl", "break", "continue" -> throw unsupported(tag);
          default -> {
            if (body.startsWith("$") || body.contains(":=")) {
              throw unsupported(tag);
            }
            nodes.add(new Output(parsePipeline(body, tag)));
            at[0]++;
          }
        }
      }
      return nodes;
    }

    private static Object single(Pipeline p) {
      if (p.commands().size() != 1 || p.commands().get(0).size() != 1) {
        throw new IllegalArgumentException("expected one operand: " + p);
      }
      return p.commands().get(0).get(0);
    }

    private static void expect(List<Object> tokens, int[] at, String keyword, Tag opener) {
      if (at[0] >= tokens.size() || !((Tag) tokens.get(at[0])).body().equals(keyword)) {
        throw new IllegalArgumentException(opener.where() + ": {{ " + opener.body() + " }} has no {{ " + keyword + " }}");
      }
      at[0]++;
    }

    private static IllegalArgumentException unsupported(Tag tag) {
      return new IllegalArgumentException(tag.where() + ": {{ " + tag.body() + " }} is not in the subset "
          + "HelmChartTest.MiniHelm understands; keep the chart simple or extend the renderer");
    }

    private static final Pattern TOKEN = Pattern.compile(
        "\\s*(?:(\"(?:[^\"\\\\]|\\\\.)*\")|(-?\\d+)|(\\.[A-Za-z0-9_.]*)|([A-Za-z_][A-Za-z0-9_]*)|([()|]))");

    private static Pipeline parsePipeline(String expression, Tag tag) {
      List<String> raw = new ArrayList<>();
      Matcher m = TOKEN.matcher(expression);
      int pos = 0;
      while (pos < expression.length() && !expression.substring(pos).isBlank()) {
        if (!m.find(pos) || m.start() != pos) {
          throw new IllegalArgumentException(tag.where() + ": cannot read \"" + expression.substring(pos).strip() + "\"");
        }
        raw.add(m.group().strip());
        pos = m.end();
      }
      int[] at = {0};
      Pipeline p = pipeline(raw, at, tag);
      if (at[0] != raw.size()) {
        throw new IllegalArgumentException(tag.where() + ": unexpected " + raw.get(at[0]));
      }
      return p;
    }

    private static Pipeline pipeline(List<String> raw, int[] at, Tag tag) {
      List<List<Object>> commands = new ArrayList<>();
      List<Object> command = new ArrayList<>();
      while (at[0] < raw.size() && !raw.get(at[0]).equals(")")) {
        String t = raw.get(at[0]++);
        if (t.equals("|")) {
          commands.add(command);
          command = new ArrayList<>();
        } else if (t.equals("(")) {
          command.add(pipeline(raw, at, tag));
          if (at[0] >= raw.size() || !raw.get(at[0]++).equals(")")) {
            throw new IllegalArgumentException(tag.where() + ": unbalanced (");
          }
        } else if (t.startsWith("\"")) {
          command.add(unquote(t));
        } else if (t.startsWith(".")) {
          command.add(new Field(t));
        } else if (Character.isDigit(t.charAt(0)) || t.startsWith("-")) {
          command.add(Integer.parseInt(t));
        } else if (t.equals("true") || t.equals("false")) {
          command.add(Boolean.parseBoolean(t));
        } else if (t.equals("nil")) {
          command.add(null);
        } else if (FUNCTIONS.contains(t)) {
          command.add(new Ident(t));
        } else {
          throw new IllegalArgumentException(tag.where() + ": function " + t
              + " is not in the subset HelmChartTest.MiniHelm understands");
        }
      }
      commands.add(command);
      for (List<Object> c : commands) {
        if (c.isEmpty()) {
          throw new IllegalArgumentException(tag.where() + ": empty command");
        }
      }
      return new Pipeline(commands);
    }

    private static String unquote(String literal) {
      StringBuilder sb = new StringBuilder();
      for (int i = 1; i < literal.length() - 1; i++) {
        char c = literal.charAt(i);
        if (c == '\\') {
          char n = literal.charAt(++i);
          sb.append(n == 'n' ? '\n' : n == 't' ? '\t' : n);
        } else {
          sb.append(c);
        }
      }
      return sb.toString();
    }

    // -- evaluation

    private String renderNodes(List<Node> nodes, Object dot) {
      StringBuilder out = new StringBuilder();
      for (Node n : nodes) {
        if (n instanceof Text t) {
          out.append(t.text());
        } else if (n instanceof Output o) {
          out.append(print(eval(o.pipeline(), dot)));
        } else if (n instanceof If f) {
          out.append(renderNodes(truthy(eval(f.condition(), dot)) ? f.then() : f.otherwise(), dot));
        }
      }
      return out.toString();
    }

    private static final Object NONE = new Object();

    private Object eval(Pipeline p, Object dot) {
      Object piped = NONE;
      for (List<Object> command : p.commands()) {
        piped = command(command, dot, piped);
      }
      return piped;
    }

    private Object command(List<Object> command, Object dot, Object piped) {
      if (command.get(0) instanceof Ident f) {
        List<Object> args = new ArrayList<>();
        for (Object operand : command.subList(1, command.size())) {
          args.add(operand(operand, dot));
        }
        if (piped != NONE) {
          args.add(piped);
        }
        return call(f.name(), args, dot);
      }
      if (command.size() > 1 || piped != NONE) {
        throw new IllegalArgumentException("not a function: " + command.get(0));
      }
      return operand(command.get(0), dot);
    }

    private Object operand(Object operand, Object dot) {
      if (operand instanceof Field f) {
        return field(f.path(), dot);
      }
      if (operand instanceof Pipeline p) {
        return eval(p, dot);
      }
      if (operand instanceof Ident i) {
        return call(i.name(), List.of(), dot);
      }
      return operand;
    }

    private static Object field(String path, Object dot) {
      Object v = dot;
      String walked = "";
      for (String key : path.substring(1).split("\\.")) {
        if (key.isEmpty()) {
          continue;
        }
        if (!(v instanceof Map<?, ?> map)) {
          throw new IllegalArgumentException("cannot read " + key + " of " + (walked.isEmpty() ? "." : walked)
              + " (" + (v == null ? "nil" : v.getClass().getSimpleName()) + ")");
        }
        v = map.get(key);
        walked += "." + key;
      }
      return v;
    }

    private Object call(String name, List<Object> a, Object dot) {
      return switch (name) {
        case "include" -> {
          arity(name, a, 2);
          List<Node> body = defines.get((String) a.get(0));
          if (body == null) {
            throw new IllegalArgumentException("no template \"" + a.get(0) + "\"");
          }
          yield renderNodes(body, a.get(1));
        }
        case "toYaml" -> {
          arity(name, a, 1);
          try {
            yield TO_YAML.writeValueAsString(a.get(0)).stripTrailing();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
        case "nindent" -> "\n" + indent(a);
        case "indent" -> indent(a);
        case "quote" -> {
          arity(name, a, 1);
          yield a.get(0) == null ? "\"\"" : "\"" + text(a.get(0)).replace("\\", "\\\\").replace("\"", "\\\"")
              .replace("\n", "\\n") + "\"";
        }
        case "default" -> {
          arity(name, a, 2);
          yield truthy(a.get(1)) ? a.get(1) : a.get(0);
        }
        case "trunc" -> {
          arity(name, a, 2);
          String s = text(a.get(1));
          int n = (Integer) a.get(0);
          yield s.length() > n ? s.substring(0, n) : s;
        }
        case "trimSuffix" -> {
          arity(name, a, 2);
          String s = text(a.get(1));
          String suffix = text(a.get(0));
          yield s.endsWith(suffix) ? s.substring(0, s.length() - suffix.length()) : s;
        }
        case "printf" -> {
          String format = text(a.get(0)).replace("%v", "%s").replace("%d", "%s");
          yield String.format(format, a.subList(1, a.size()).stream().map(MiniHelm::print).toArray());
        }
        case "sha256sum" -> {
          arity(name, a, 1);
          yield sha256(text(a.get(0)));
        }
        case "not" -> {
          arity(name, a, 1);
          yield !truthy(a.get(0));
        }
        case "and" -> {
          Object last = null;
          for (Object v : a) {
            if (!truthy(v)) {
              yield v;
            }
            last = v;
          }
          yield last;
        }
        case "or" -> {
          Object last = null;
          for (Object v : a) {
            if (truthy(v)) {
              yield v;
            }
            last = v;
          }
          yield last;
        }
        default -> throw new IllegalArgumentException("function " + name + " is not in the subset");
      };
    }

    private static String indent(List<Object> a) {
      arity("indent", a, 2);
      String pad = " ".repeat((Integer) a.get(0));
      return pad + text(a.get(1)).replace("\n", "\n" + pad);
    }

    private static void arity(String name, List<Object> args, int n) {
      if (args.size() != n) {
        throw new IllegalArgumentException(name + " takes " + n + " arguments, got " + args.size());
      }
    }

    private static String text(Object v) {
      return v instanceof String s ? s : print(v);
    }

    private static String print(Object v) {
      if (v == null) {
        throw new IllegalArgumentException("a missing value renders nothing (Helm would print an empty string)");
      }
      if (v instanceof Map<?, ?> || v instanceof List<?>) {
        throw new IllegalArgumentException("printing a map or list; use toYaml: " + v);
      }
      return String.valueOf(v);
    }

    static boolean truthy(Object v) {
      if (v == null) {
        return false;
      }
      if (v instanceof Boolean b) {
        return b;
      }
      if (v instanceof Number n) {
        return n.doubleValue() != 0;
      }
      if (v instanceof String s) {
        return !s.isEmpty();
      }
      if (v instanceof Map<?, ?> m) {
        return !m.isEmpty();
      }
      if (v instanceof List<?> l) {
        return !l.isEmpty();
      }
      return true;
    }
  }
}
