package io.drwatch.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code detection.peers}: each a base url, or {@code {url, observer}} to bind the url to
 * the name that peer must report as.
 */
final class PeersReader {
  private PeersReader() {}

  static List<PeerConfig> read(Node detection) {
    Map<String, String> pathByUrl = new HashMap<>();
    Map<String, String> pathByName = new HashMap<>();
    List<PeerConfig> peers = new ArrayList<>();
    Optional<JsonNode> list = detection.value("peers");
    if (list.isPresent() && !list.get().isArray()) {
      detection.error("peers", "must be a list, was " + Values.describe("peers", list.get()));
      return peers;
    }
    for (int i = 0; list.isPresent() && i < list.get().size(); i++) {
      String key = "peers[" + i + "]";
      JsonNode element = list.get().get(i);
      if (element.isObject()) {
        Node map = detection.child(element, detection.pathOf(key));
        bound(map, pathByName).filter(p -> first(map, "url", p, pathByUrl)).ifPresent(peers::add);
      } else if (element.isTextual()) {
        detection.substitute(key, element.textValue())
            .flatMap(text -> url(detection, new Node.Item(key, text))).map(PeerConfig::of)
            .filter(p -> first(detection, key, p, pathByUrl)).ifPresent(peers::add);
      } else {
        detection.error(key, "must be a string or a map, was " + Values.describe("peers", element));
      }
    }
    return peers;
  }

  // Two entries for one url would count one observer twice towards the majority.
  private static boolean first(Node node, String key, PeerConfig peer, Map<String, String> pathByUrl) {
    String first = pathByUrl.putIfAbsent(peer.url(), node.pathOf(key));
    if (first != null) {
      node.error(key, "duplicate peer \"" + peer.url() + "\" (also " + first + ")");
    }
    return first == null;
  }

  private static Optional<PeerConfig> bound(Node node, Map<String, String> pathByName) {
    node.rejectUnknown("url", "observer");
    Optional<String> url = node.requiredString("url").flatMap(u -> url(node, new Node.Item("url", u)));
    Optional<String> name = ConfigLoader.uniqueName(node, "observer", "peer observer", pathByName);
    if (url.isEmpty() || name.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new PeerConfig(url.get(), name));
  }

  private static Optional<String> url(Node node, Node.Item item) {
    try {
      return Optional.of(EndpointUrls.baseUrl(item.value()));
    } catch (IllegalArgumentException e) {
      node.invalid(item.key(), e.getMessage(), item.value());
      return Optional.empty();
    }
  }
}
