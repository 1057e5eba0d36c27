package io.drwatch.artefacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the chart ships beyond the observer itself, through real Helm: lint, values.schema.json,
 * the PrometheusRule built from alerts/, the Grafana dashboard ConfigMaps from dashboards/, the
 * CA bundle and secret files mounted for the config's caFile/passwordFile keys, and the schema
 * check itself (it must reject a broken object, or it proves nothing).
 */
class HelmPackagingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path ROOT = Path.of("").toAbsolutePath();

  @Test
  void helmLintPassesStrictly() {
    LintResult lint = RealHelm.lint();
    assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
  }

  @Test
  void valuesSchemaRejectsTyposAndBadValues() {
    assertThatThrownBy(() -> RealHelm.template(Map.of("serviceMonitr", Map.of("enabled", true))))
        .hasMessageContaining("serviceMonitr");
    assertThatThrownBy(() -> RealHelm.template(Map.of("observer", Map.of("name", "Use1_A"))))
        .hasMessageContaining("/observer/name");
    assertThatThrownBy(() -> RealHelm.template(Map.of("config", Map.of("http", Map.of("port", 1)))))
        .hasMessageContaining("config");
    assertThatThrownBy(() -> RealHelm.template(Map.of("caBundle",
        Map.of("secretName", "ca", "configMapName", "ca")))).hasMessageContaining("caBundle");
  }

  @Test
  void prometheusRuleCarriesEveryAlertOfTheRulesFileVerbatim() throws Exception {
    JsonNode rule = only(RealHelm.template(Map.of("prometheusRule",
        Map.of("enabled", true, "labels", Map.of("release", "kube-prometheus-stack")))), "PrometheusRule");
    assertThat(rule.at("/metadata/labels/release").asText()).isEqualTo("kube-prometheus-stack");
    assertThat(rule.at("/metadata/namespace").asText()).isEqualTo(RealHelm.NAMESPACE);
    JsonNode source = RealHelm.YAML.readTree(ROOT.resolve("alerts/drwatch.rules.yml").toFile());
    assertThat(rule.at("/spec/groups")).as("groups, alerts, expressions and annotations as in alerts/")
        .isEqualTo(source.get("groups"));
    assertThat(rule.at("/spec/groups").toString()).contains("{{ $labels.channel }}");
  }

  @Test
  void dashboardsBecomeSidecarConfigMapsWithTheFilesAsTheyAre() throws Exception {
    List<JsonNode> maps = RealHelm.template(Map.of("dashboards", Map.of("enabled", true))).stream()
        .filter(d -> d.at("/metadata/labels/grafana_dashboard").asText().equals("1")).toList();
    Map<String, String> shipped = new TreeMap<>();
    try (Stream<Path> files = Files.list(ROOT.resolve("dashboards"))) {
      files.filter(f -> f.toString().endsWith(".json"))
          .forEach(f -> shipped.put(f.getFileName().toString(), read(f)));
    }
    assertThat(shipped).isNotEmpty();
    assertThat(maps).hasSize(shipped.size());
    for (JsonNode map : maps) {
      assertThat(map.get("kind").asText()).isEqualTo("ConfigMap");
      assertThat(map.at("/metadata/annotations/grafana_folder").asText()).isEqualTo("drwatch");
      map.get("data").properties().forEach(e -> {
        assertThat(shipped).containsKey(e.getKey());
        assertThat(parse(e.getValue().asText())).as(e.getKey()).isEqualTo(parse(shipped.get(e.getKey())));
      });
    }
    assertThat(HelmChartTest.render(Map.of())).as("off by default").doesNotContainKey("PrometheusRule");
  }

  @Test
  void theChartFromTheSourceTreeSaysWhereTheStagedOneIs(@TempDir Path dir) throws Exception {
    Path values = Files.writeString(dir.resolve("v.yaml"), "prometheusRule: {enabled: true}\n");
    assertThatThrownBy(() -> new Helm(ROOT.resolve("deploy/helm/drwatch")).template()
        .withKubeVersion(RealHelm.KUBE_VERSION).withValuesFile(values).call())
        .hasMessageContaining("target/helm/drwatch");
  }

  @Test
  void caBundleAndSecretFilesAreMountedReadOnly() {
    Map<String, Object> overrides = Map.of(
        "caBundle", Map.of("configMapName", "corp-ca", "key", "ca-bundle.pem"),
        "secretFiles", List.of(
            Map.of("secretName", "orders-db-drwatch", "mountPath", "/etc/drwatch-secrets/orders-db"),
            Map.of("secretName", "cf-token", "mountPath", "/etc/drwatch-secrets/cf",
                "items", List.of(Map.of("key", "token", "path", "api-token")))));
    JsonNode pod = only(RealHelm.template(overrides), "Deployment").at("/spec/template/spec");
    Map<String, JsonNode> mounts = byName(pod.at("/containers/0/volumeMounts"));
    Map<String, JsonNode> volumes = byName(pod.get("volumes"));

    assertThat(mounts.get("ca-bundle").get("mountPath").asText()).isEqualTo("/etc/drwatch-ca");
    assertThat(mounts.get("ca-bundle").get("readOnly").asBoolean()).isTrue();
    assertThat(volumes.get("ca-bundle").at("/configMap/name").asText()).isEqualTo("corp-ca");
    assertThat(volumes.get("ca-bundle").at("/configMap/items/0/path").asText()).isEqualTo("ca-bundle.pem");

    assertThat(mounts.get("secret-file-0").get("mountPath").asText()).isEqualTo("/etc/drwatch-secrets/orders-db");
    assertThat(mounts.get("secret-file-1").get("readOnly").asBoolean()).isTrue();
    assertThat(volumes.get("secret-file-0").at("/secret/secretName").asText()).isEqualTo("orders-db-drwatch");
    assertThat(volumes.get("secret-file-0").at("/secret/defaultMode").asInt()).isEqualTo(0440);
    assertThat(volumes.get("secret-file-0").at("/secret/items").isMissingNode()).isTrue();
    assertThat(volumes.get("secret-file-1").at("/secret/items/0/path").asText()).isEqualTo("api-token");

    JsonNode fromSecret = only(RealHelm.template(Map.of("caBundle", Map.of("secretName", "corp-ca"))), "Deployment");
    assertThat(byName(fromSecret.at("/spec/template/spec/volumes")).get("ca-bundle").at("/secret/secretName").asText())
        .isEqualTo("corp-ca");
    assertThat(byName(only(RealHelm.template(Map.of()), "Deployment").at("/spec/template/spec/volumes")))
        .doesNotContainKeys("ca-bundle", "secret-file-0");
  }

  @Test
  void theSchemaCheckRejectsWhatKubernetesWould() {
    ObjectNode deployment = only(RealHelm.template(Map.of()), "Deployment").deepCopy();
    ((ObjectNode) deployment.at("/spec/template/spec/containers/0")).put("imagePullPolcy", "Always");
    assertThatThrownBy(() -> RealHelm.assertSchemaValid(deployment)).hasMessageContaining("imagePullPolcy");
    ObjectNode service = only(RealHelm.template(Map.of()), "Service").deepCopy();
    ((ObjectNode) service.at("/spec/ports/0")).put("port", "http");
    assertThatThrownBy(() -> RealHelm.assertSchemaValid(service)).hasMessageContaining("port");
  }

  private static JsonNode only(List<JsonNode> docs, String kind) {
    List<JsonNode> found = docs.stream().filter(d -> d.path("kind").asText().equals(kind)).toList();
    assertThat(found).as(kind).hasSize(1);
    return found.get(0);
  }

  private static Map<String, JsonNode> byName(JsonNode array) {
    Map<String, JsonNode> m = new TreeMap<>();
    array.forEach(e -> m.put(e.get("name").asText(), e));
    return m;
  }

  private static String read(Path f) {
    try {
      return Files.readString(f);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new AssertionError("not JSON: " + e.getMessage(), e);
    }
  }
}
