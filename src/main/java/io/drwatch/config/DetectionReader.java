package io.drwatch.config;

import io.drwatch.domain.round.DetectionProfile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Reads {@code detection}: targets, quorum, peers, TILT and events, and the rules that tie them to
 * each other and to the rest of the file.
 */
final class DetectionReader {

  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
  private static final String REGION_RULE = "must be an AWS region like us-east-1";
  private static final Pattern HEADER = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  private static final String HEADER_RULE =
      "must be an HTTP header name of letters, digits and !#$%&'*+-.^_`|~";
  private static final String AWS_HEALTH = "aws-health";
  private static final Pattern SERVICE = Pattern.compile("[A-Z][A-Z0-9_]{0,62}");

  private DetectionReader() {}

  /**
   * @param channelNames every well-formed name in {@code channels}
   */
  static DetectionConfig read(Node root, Set<String> channelNames) {
    return root.object("detection")
        .map(node -> detection(node, channelNames))
        .orElse(DetectionConfig.none());
  }

  private static DetectionConfig detection(Node node, Set<String> channelNames) {
    DetectionConfig defaults = DetectionConfig.none();
    node.rejectUnknown("profile", "tick", "targets", "quorum", "peers", "peerToken",
        "peerTokenFile", "peerCaFile", "peerFreshness", "tilt", "events");
    DetectionProfile profile = node.string("profile")
        .flatMap(p -> node.configNamed("profile", DetectionProfile.class, p))
        .orElse(DetectionProfile.STANDARD);
    Duration tick = node.duration("tick", defaults.tick(), true);
    List<TargetConfig> targets = TargetsReader.read(node, channelNames, profile);
    QuorumConfig quorum = node.object("quorum").map(q -> quorum(q, profile))
        .orElse(QuorumConfig.of(profile.policy()));
    List<PeerConfig> peers = PeersReader.read(node);
    Optional<Secret> peerToken = peerToken(node, node.has("peers") && !peers.isEmpty());
    Optional<java.nio.file.Path> peerCaFile = HttpReader.path(node, "peerCaFile", false);
    peerCaFile.ifPresent(ca -> HttpReader.pemCertificates(node, "peerCaFile", ca));
    Duration peerFreshness = node.duration("peerFreshness", defaults.peerFreshness(), true);
    TiltConfig tilt = node.object("tilt").map(DetectionReader::tilt).orElse(defaults.tilt());
    boolean awsHealth = quorum.require().contains(AWS_HEALTH);
    EventsConfig events =
        node.object("events").map(e -> events(e, awsHealth)).orElse(defaults.events());
    if (!node.has("events") && awsHealth) {
      node.error("events.primaryRegion", "required when quorum.require has " + AWS_HEALTH);
    }
    return new DetectionConfig(
        tick, targets, quorum, peers, peerToken, peerCaFile, peerFreshness, tilt, events);
  }

  /**
   * Reports a list item seen before in the same list, pointing at the first.
   *
   * @return whether this is the first
   */
  static boolean unique(Node node, Node.Item item, String what, Map<String, String> pathByValue) {
    String first = pathByValue.putIfAbsent(item.value(), node.pathOf(item.key()));
    if (first != null) {
      String duplicate = "duplicate " + what + " \"" + item.value() + "\"";
      node.error(item.key(), duplicate + " (also " + first + ")");
      return false;
    }
    return true;
  }

  private static QuorumConfig quorum(Node node, DetectionProfile profile) {
    QuorumConfig defaults = QuorumConfig.of(profile.policy());
    node.rejectUnknown("require", "minSignals", "holdFor", "clearAfter");
    int errorsBefore = node.errorCount();
    List<String> require = require(node).orElse(defaults.require());
    boolean requireValid = node.errorCount() == errorsBefore;
    int beforeMin = node.errorCount();
    int minSignals =
        node.integer("minSignals", Math.min(2, require.size()), 1, Integer.MAX_VALUE);
    if (node.errorCount() == beforeMin && requireValid && minSignals > require.size()) {
      node.error(
          "minSignals",
          "must be <= the number of signals in require (" + require.size() + "), was "
              + minSignals);
    }
    Duration holdFor = node.duration("holdFor", defaults.holdFor(), false);
    Duration clearAfter = node.duration("clearAfter", holdFor, false);
    return new QuorumConfig(require, minSignals, holdFor, clearAfter);
  }

  private static Optional<List<String>> require(Node node) {
    String rule = "must be one of " + String.join(" | ", QuorumConfig.SIGNALS);
    return distinctStrings(node, "require", "signal", item -> {
      boolean known = QuorumConfig.SIGNALS.contains(item.value());
      if (!known) {
        node.invalid(item.key(), rule, item.value());
      }
      return known;
    });
  }

  /**
   * An optional list that, when given, must not be empty: the items {@code valid} accepts (it
   * reports the others), each once; a repeat is reported as a duplicate {@code noun}.
   */
  private static Optional<List<String>> distinctStrings(Node node, String key, String noun,
      Predicate<Node.Item> valid) {
    int errorsBefore = node.errorCount();
    Optional<List<Node.Item>> items = node.strings(key);
    if (items.isEmpty()) {
      return Optional.empty();
    }
    if (items.get().isEmpty() && node.errorCount() == errorsBefore) {
      node.error(key, "must not be empty");
    }
    Map<String, String> pathByValue = new HashMap<>();
    List<String> values = new ArrayList<>();
    for (Node.Item item : items.get()) {
      if (valid.test(item) && unique(node, item, noun, pathByValue)) {
        values.add(item.value());
      }
    }
    return Optional.of(values);
  }

  // Peers answer only with a token; polling them without one would fail at run time instead.
  private static Optional<Secret> peerToken(Node node, boolean hasPeers) {
    int errorsBefore = node.errorCount();
    Optional<Secret> token = ConfigLoader.secret(node, "peerToken");
    if (hasPeers && token.isEmpty() && node.errorCount() == errorsBefore) {
      node.error("peerToken", "required (or peerTokenFile) when peers is not empty");
    }
    return token;
  }

  private static TiltConfig tilt(Node node) {
    TiltConfig defaults = TiltConfig.defaults();
    node.rejectUnknown("clockJump", "stall", "recovery");
    return new TiltConfig(
        node.duration("clockJump", defaults.clockJump(), true),
        node.duration("stall", defaults.stall(), true),
        node.duration("recovery", defaults.recovery(), true));
  }

  private static EventsConfig events(Node node, boolean awsHealth) {
    EventsConfig defaults = EventsConfig.defaults();
    node.rejectUnknown(
        "token", "tokenFile", "header", "primaryRegion", "healthServices", "voteFreshness", "sqs");
    Optional<Secret> token = ConfigLoader.secret(node, "token");
    Optional<String> header = node.string("header");
    if (header.isPresent() && !HEADER.matcher(header.get()).matches()) {
      node.invalid("header", HEADER_RULE, header.get());
    }
    Optional<String> primaryRegion = region(node, "primaryRegion", node.string("primaryRegion"));
    List<String> services = healthServices(node).orElse(defaults.healthServices());
    Duration voteFreshness = node.duration("voteFreshness", defaults.voteFreshness(), true);
    List<Node> queues = node.list("sqs").orElse(List.of());
    Map<String, String> pathByUrl = new HashMap<>();
    List<SqsQueueConfig> sqs = new ArrayList<>();
    for (Node queue : queues) {
      sqsQueue(queue, pathByUrl).ifPresent(sqs::add);
    }
    // Health events are matched by their region; consuming them without one to match is a mistake.
    if (!node.has("primaryRegion")) {
      if (awsHealth) {
        node.error("primaryRegion", "required when quorum.require has " + AWS_HEALTH);
      } else if (!queues.isEmpty()) {
        node.error("primaryRegion", "required when events.sqs is not empty");
      }
    }
    return new EventsConfig(
        token, header.orElse(defaults.header()), primaryRegion, services, voteFreshness, sqs);
  }

  private static Optional<String> region(Node node, String key, Optional<String> text) {
    if (text.isPresent() && !REGION.matcher(text.get()).matches()) {
      node.invalid(key, REGION_RULE, text.get());
      return Optional.empty();
    }
    return text;
  }

  private static Optional<List<String>> healthServices(Node node) {
    return distinctStrings(node, "healthServices", "service",
        item -> node.matching(item.key(), Optional.of(item.value()), SERVICE).isPresent());
  }

  private static Optional<SqsQueueConfig> sqsQueue(Node node, Map<String, String> pathByUrl) {
    int errorsBefore = node.errorCount();
    node.rejectUnknown("queueUrl", "region", "endpointOverride");
    Optional<String> queueUrl =
        node.requiredString("queueUrl").flatMap(u -> url(node, "queueUrl", u));
    queueUrl.ifPresent(u -> node.unique("queueUrl", "queue", u, pathByUrl));
    Optional<String> region = region(node, "region", node.requiredString("region"));
    Optional<String> endpoint =
        node.string("endpointOverride").flatMap(u -> url(node, "endpointOverride", u));
    return node.unlessErrorsSince(errorsBefore,
        () -> new SqsQueueConfig(queueUrl.orElseThrow(), region.orElseThrow(), endpoint));
  }

  private static Optional<String> url(Node node, String key, String url) {
    try {
      return Optional.of(EndpointUrls.httpUrl(url));
    } catch (IllegalArgumentException e) {
      node.invalid(key, e.getMessage(), url);
      return Optional.empty();
    }
  }
}
