package io.drwatch.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/** Turns the file's text into a Jackson tree, or into one error a user can locate. */
final class YamlSource {

  // A repeated key silently overriding the first is a classic way to misconfigure; refuse it.
  private static final YAMLMapper MAPPER =
      YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private YamlSource() {}

  /** The document's root; may be any node type, but not null or missing. */
  static JsonNode read(String yaml) throws ConfigException {
    boolean protect = FlowSafeReferences.canProtect(yaml);
    String source = protect ? FlowSafeReferences.protect(yaml) : yaml;
    try (JsonParser parser = MAPPER.createParser(source)) {
      JsonNode root = MAPPER.readTree(parser);
      if (root == null || root.isMissingNode() || root.isNull()) {
        throw new ConfigException(List.of("config is empty"));
      }
      // An editor's trailing "---" leaves an empty document behind; only real content is refused.
      while (parser.nextToken() != null) {
        int line = parser.currentTokenLocation().getLineNr();
        JsonNode next = MAPPER.readTree(parser);
        if (next != null && !next.isNull() && !next.isMissingNode()) {
          throw new ConfigException(
              List.of("only one YAML document is allowed, another starts at line " + line));
        }
      }
      return protect ? restore(root) : root;
    } catch (JsonProcessingException e) {
      throw new ConfigException(List.of(invalidYaml(e)));
    } catch (IOException e) {
      throw new ConfigException(List.of("cannot parse YAML: " + e.getMessage()));
    }
  }

  private static String invalidYaml(JsonProcessingException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      // SnakeYAML's own message repeats the offending line, which may hold a secret: use its parts.
      if (t instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
        Mark mark = yaml.getProblemMark();
        String context = yaml.getContext() == null ? "" : " (" + yaml.getContext() + ")";
        String problem = FlowSafeReferences.restore(yaml.getProblem() + context);
        return "invalid YAML at line "
            + (mark.getLine() + 1)
            + ", column "
            + (mark.getColumn() + 1)
            + ": "
            + problem;
      }
    }
    String message = e.getOriginalMessage() == null ? e.toString() : e.getOriginalMessage();
    return "invalid YAML " + at(e.getLocation()) + message.lines().findFirst().orElse("");
  }

  private static String at(JsonLocation location) {
    if (location == null || location.getLineNr() < 0) {
      return "";
    }
    return "at line " + location.getLineNr() + ", column " + location.getColumnNr() + ": ";
  }

  private static JsonNode restore(JsonNode node) {
    if (node.isTextual()) {
      return TextNode.valueOf(FlowSafeReferences.restore(node.textValue()));
    }
    if (node.isObject()) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        copy.set(FlowSafeReferences.restore(field.getKey()), restore(field.getValue()));
      }
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      node.forEach(element -> copy.add(restore(element)));
      return copy;
    }
    return node;
  }
}
