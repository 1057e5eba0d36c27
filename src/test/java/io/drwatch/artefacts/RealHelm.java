package io.drwatch.artefacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The chart through real Helm (helm-java: Helm's Go code in-process), with every rendered object
 * checked against the vendored Kubernetes schemas in src/test/resources/k8s-schema. The chart is
 * the build's staged copy, target/helm/drwatch (deploy/helm/drwatch plus the alert rules and
 * dashboards as chart files; see the pom's stage-helm-* executions).
 */
final class RealHelm {
  static final Path CHART = Path.of("target/helm/drwatch").toAbsolutePath();
  static final String RELEASE = "drwatch";
  static final String NAMESPACE = "dr-system";
  /** The newest Kubernetes the chart is checked for; Chart.yaml's kubeVersion is the oldest. */
  static final String KUBE_VERSION = "1.30.0";

  static final YAMLMapper YAML = YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final Map<String, JsonSchema> SCHEMAS = schemas();

  private RealHelm() {}

  static LintResult lint() {
    return new Helm(staged()).lint().strict().call();
  }

  /** {@code helm template} with values.yaml merged with {@code overrides}; objects in output order. */
  static List<JsonNode> template(Map<String, Object> overrides) {
    String out = new Helm(staged()).template().withName(RELEASE).withNamespace(NAMESPACE)
        .withKubeVersion(KUBE_VERSION).withValuesFile(valuesFile(overrides)).call();
    List<JsonNode> docs = parse(out);
    docs.forEach(RealHelm::assertSchemaValid);
    return docs;
  }

  /** What {@code helm install} prints after installing: NOTES.txt, rendered. */
  static String notes(Map<String, Object> overrides) {
    return new Helm(staged()).install().withName(RELEASE).withNamespace(NAMESPACE)
        .withKubeVersion(KUBE_VERSION).withValuesFile(valuesFile(overrides)).clientOnly().dryRun()
        .call().getOutput();
  }

  static void assertSchemaValid(JsonNode doc) {
    String key = doc.path("apiVersion").asText() + "/" + doc.path("kind").asText();
    JsonSchema schema = SCHEMAS.get(key);
    assertThat(schema).as("a vendored schema for " + key + " (src/test/resources/k8s-schema)").isNotNull();
    Set<ValidationMessage> errors = schema.validate(doc);
    assertThat(errors).as(key + " " + doc.at("/metadata/name").asText() + " against its Kubernetes schema").isEmpty();
  }

  private static Path staged() {
    assertThat(CHART.resolve("Chart.yaml")).as("the staged chart; run mvn process-resources (or any later phase) first")
        .exists();
    return CHART;
  }

  private static Path valuesFile(Map<String, Object> overrides) {
    try {
      Path file = Files.createTempFile("drwatch-values-", ".yaml");
      file.toFile().deleteOnExit();
      YAML.writeValue(file.toFile(), overrides);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<JsonNode> parse(String text) {
    List<JsonNode> docs = new ArrayList<>();
    try (JsonParser parser = YAML.createParser(text);
        MappingIterator<JsonNode> it = YAML.readValues(parser, JsonNode.class)) {
      while (it.hasNextValue()) {
        JsonNode doc = it.nextValue();
        if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
          assertThat(doc.isObject()).as("a rendered document is a map: " + doc).isTrue();
          docs.add(doc);
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new AssertionError("helm template output is not valid YAML: " + e.getMessage() + "\n" + text, e);
    }
    return docs;
  }

  private static Map<String, JsonSchema> schemas() {
    JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
    ObjectMapper json = new ObjectMapper();
    Map<String, JsonSchema> byKind = new HashMap<>();
    for (String file : List.of("kubernetes-subset.schema.json", "monitoring-coreos-subset.schema.json")) {
      try (InputStream in = RealHelm.class.getResourceAsStream("/k8s-schema/" + file)) {
        JsonNode doc = json.readTree(in);
        doc.get("x-kinds").properties().forEach(e -> {
          ObjectNode root = json.createObjectNode();
          root.put("$schema", "http://json-schema.org/draft-07/schema#");
          root.set("definitions", doc.get("definitions"));
          root.putArray("allOf").addObject().put("$ref", e.getValue().asText());
          byKind.put(e.getKey(), factory.getSchema(root));
        });
      } catch (IOException e) {
        throw new UncheckedIOException(file, e);
      }
    }
    return byKind;
  }
}
