package io.drwatch.artefacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the operator artefacts (alerts/, dashboards/) for the tests of this package: the rules,
 * the dashboards and the {@code drwatch_*} metric names their expressions use.
 */
final class ArtefactFiles {
  static final Path ROOT = Path.of("").toAbsolutePath();
  static final Path RULES = ROOT.resolve("alerts/drwatch.rules.yml");
  static final Path RULE_TESTS = ROOT.resolve("alerts/drwatch.rules.test.yml");
  static final Path DASHBOARDS = ROOT.resolve("dashboards");

  static final ObjectMapper JSON = new ObjectMapper();
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static final Pattern METRIC = Pattern.compile("(?<![A-Za-z0-9_:])drwatch_[A-Za-z0-9_]+");

  private ArtefactFiles() {}

  /**
   * Every drwatch_* name the alert and recording rules' expressions and the dashboards' queries
   * (panel targets and template variables) use, each with where it is used.
   */
  static Map<String, Set<String>> usedByRulesAndDashboards() throws IOException {
    Map<String, Set<String>> used = new TreeMap<>();
    for (JsonNode a : rules()) {
      String where = RULES.getFileName() + " " + a.path(a.has("alert") ? "alert" : "record").asText();
      names(a.path("expr").asText(), where, used);
    }
    for (Path f : dashboardFiles()) {
      JsonNode d = JSON.readTree(f.toFile());
      List<JsonNode> exprs = new ArrayList<>();
      collect(d, "expr", exprs);
      for (JsonNode e : exprs) {
        names(e.asText(), f.getFileName().toString(), used);
      }
      for (JsonNode v : d.path("templating").path("list")) {
        String where = f.getFileName() + " variable " + v.path("name").asText();
        names(queryOf(v), where, used);
        names(v.path("definition").asText(), where, used);
      }
    }
    return used;
  }

  /** {@link #usedByRulesAndDashboards()} plus the names of the promtool tests' input series. */
  static Map<String, Set<String>> usedMetricNames() throws IOException {
    Map<String, Set<String>> used = usedByRulesAndDashboards();
    for (JsonNode group : YAML.readTree(RULE_TESTS.toFile()).path("tests")) {
      for (JsonNode s : group.path("input_series")) {
        names(s.path("series").asText().split("\\{", 2)[0], RULE_TESTS.getFileName() + " input_series", used);
      }
    }
    return used;
  }

  static void names(String expr, String where, Map<String, Set<String>> into) {
    Matcher m = METRIC.matcher(expr);
    while (m.find()) {
      into.computeIfAbsent(m.group(), k -> new TreeSet<>()).add(where);
    }
  }

  static String queryOf(JsonNode variable) {
    JsonNode q = variable.path("query");
    return q.isObject() ? q.path("query").asText() : q.asText();
  }

  /** Every value of a field with this name, at any depth. */
  static void collect(JsonNode node, String field, List<JsonNode> into) {
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> {
        if (e.getKey().equals(field) && !e.getValue().isNull()) {
          into.add(e.getValue());
        }
        collect(e.getValue(), field, into);
      });
    } else if (node.isArray()) {
      node.forEach(n -> collect(n, field, into));
    }
  }

  static List<JsonNode> rules() throws IOException {
    List<JsonNode> rules = new ArrayList<>();
    for (JsonNode group : YAML.readTree(RULES.toFile()).path("groups")) {
      group.path("rules").forEach(rules::add);
    }
    assertThat(rules).as("rules in %s", RULES).isNotEmpty();
    return rules;
  }

  static List<JsonNode> alerts() throws IOException {
    return rules().stream().filter(r -> r.has("alert")).toList();
  }

  /** The alerting rule called {@code name}; fails the test if there is none. */
  static JsonNode alert(String name) throws IOException {
    return alerts().stream().filter(a -> name.equals(a.path("alert").asText())).findFirst()
        .orElseThrow(() -> new AssertionError("no alert " + name + " in " + RULES));
  }

  static List<Path> dashboardFiles() throws IOException {
    try (Stream<Path> s = Files.list(DASHBOARDS)) {
      return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
  }

  static boolean onPath(String command) {
    String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }
}
