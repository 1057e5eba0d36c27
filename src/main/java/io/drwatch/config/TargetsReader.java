package io.drwatch.config;

import io.drwatch.domain.round.DetectionProfile;
import io.drwatch.schema.ChannelShape;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads {@code detection.targets}: each entry, its address per probe and its channels. */
final class TargetsReader {

  private TargetsReader() {}

  /**
   * The valid targets; problems with the others are in the node's error list.
   *
   * @param channelNames every well-formed name in {@code channels}
   * @param profile the probe defaults ({@code detection.profile}); keys in the entry override them
   */
  static List<TargetConfig> read(Node detection, Set<String> channelNames,
      DetectionProfile profile) {
    Map<String, String> pathByName = new HashMap<>();
    List<TargetConfig> targets = new ArrayList<>();
    for (Node entry : detection.list("targets").orElse(List.of())) {
      target(entry, channelNames, pathByName, profile).ifPresent(targets::add);
    }
    return targets;
  }

  private static Optional<TargetConfig> target(
      Node node, Set<String> channelNames, Map<String, String> pathByName,
      DetectionProfile profile) {
    int errorsBefore = node.errorCount();
    node.rejectUnknown(
        "name",
        "probe",
        "address",
        "password",
        "passwordFile",
        "caFile",
        "iamAuth",
        "interval",
        "timeout",
        "failuresToSuspect",
        "successesToClear",
        "channels",
        "expectStatus",
        "bodyContains");
    Optional<String> name = ConfigLoader.uniqueName(node, "name", "target name", pathByName);
    Optional<ProbeType> probe = node.requiredString("probe").flatMap(p -> node.configNamed("probe", ProbeType.class, p));
    Optional<String> address = node.requiredString("address").flatMap(a -> address(node, probe, a));
    for (String key : EndpointAuthReader.KEYS) {
      onlyFor(node, key, probe, ProbeType.POSTGRES, ProbeType.REDIS);
    }
    boolean database = probe.filter(p -> p == ProbeType.POSTGRES || p == ProbeType.REDIS).isPresent();
    EndpointAuthReader.Auth auth =
        EndpointAuthReader.read(node, ConfigLoader.secret(node, "password"), address.filter(a -> database));
    int beforeInterval = node.errorCount();
    Duration interval = node.duration("interval", profile.probeInterval(), true);
    Duration timeout =
        timeout(node, interval, node.errorCount() == beforeInterval, profile.probeTimeout());
    int failuresToSuspect =
        node.integer("failuresToSuspect", profile.failuresToSuspect(), 1, Integer.MAX_VALUE);
    int successesToClear =
        node.integer("successesToClear", profile.successesToClear(), 1, Integer.MAX_VALUE);
    List<String> channels = channels(node, channelNames);
    onlyFor(node, "expectStatus", probe, ProbeType.HTTP);
    int expectStatus = node.integer("expectStatus", 200, 100, 599);
    onlyFor(node, "bodyContains", probe, ProbeType.HTTP);
    Optional<String> bodyContains = ConfigLoader.nonEmpty(node, "bodyContains");
    return node.unlessErrorsSince(errorsBefore, () ->
        new TargetConfig(
            name.orElseThrow(),
            probe.orElseThrow(),
            address.orElseThrow(),
            auth.password(),
            interval,
            timeout,
            failuresToSuspect,
            successesToClear,
            channels,
            expectStatus,
            bodyContains,
            auth.caFile(),
            auth.iamAuth()));
  }

  // Without a known probe the address rules are unknown; the probe error already tells the user.
  private static Optional<String> address(Node node, Optional<ProbeType> probe, String address) {
    if (probe.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          switch (probe.get()) {
            case TCP -> EndpointUrls.hostPort(address);
            case HTTP -> EndpointUrls.httpUrl(address);
            case POSTGRES -> EndpointUrls.canonical(ChannelShape.Form.POSTGRES, address);
            case REDIS -> EndpointUrls.canonical(ChannelShape.Form.REDIS, address);
          });
    } catch (IllegalArgumentException e) {
      node.invalid("address", e.getMessage(), address);
      return Optional.empty();
    }
  }

  // A timeout longer than the interval would let checks overlap; by default it is cut to fit.
  private static Duration timeout(Node node, Duration interval, boolean intervalValid,
      Duration byDefault) {
    if (!node.has("timeout")) {
      return interval.compareTo(byDefault) < 0 ? interval : byDefault;
    }
    int errorsBefore = node.errorCount();
    Duration timeout = node.duration("timeout", byDefault, true);
    if (node.errorCount() == errorsBefore && intervalValid && timeout.compareTo(interval) > 0) {
      node.error(
          "timeout",
          "must be <= interval ("
              + Durations.format(interval)
              + "), was "
              + Durations.format(timeout));
    }
    return timeout;
  }

  private static List<String> channels(Node node, Set<String> channelNames) {
    String known =
        channelNames.isEmpty() ? "none" : channelNames.stream().collect(Collectors.joining(", "));
    Map<String, String> pathByName = new HashMap<>();
    List<String> channels = new ArrayList<>();
    for (Node.Item item : node.strings("channels").orElse(List.of())) {
      if (!channelNames.contains(item.value())) {
        String rule = "must name a channel in channels (known: " + known + ")";
        node.invalid(item.key(), rule, item.value());
      } else if (DetectionReader.unique(node, item, "channel", pathByName)) {
        channels.add(item.value());
      }
    }
    return channels;
  }

  private static void onlyFor(
      Node node, String key, Optional<ProbeType> probe, ProbeType... owners) {
    List<ProbeType> allowed = List.of(owners);
    if (node.has(key) && probe.isPresent() && !allowed.contains(probe.get())) {
      String names =
          allowed.stream().map(ProbeType::configName).collect(Collectors.joining(" or "));
      node.error(key, "only allowed for probe " + names + ", this target is " + probe.get());
    }
  }
}
