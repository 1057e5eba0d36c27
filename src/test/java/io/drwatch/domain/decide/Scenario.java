package io.drwatch.domain.decide;

import io.drwatch.domain.ConfigNamed;
import io.drwatch.domain.channel.ChannelKind;
import io.drwatch.domain.channel.ChannelSpec;
import io.drwatch.domain.detect.HealthEvents;
import io.drwatch.domain.round.DetectionSettings;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed {@code timeline.txt}: the header (observers, targets, channels, policy) and the
 * actions at virtual times. The format is documented in {@code scenarios/README.md}.
 */
record Scenario(
    List<String> observers,
    List<Target> targets,
    Map<String, ChannelSpec> channels,
    DetectionSettings settings,
    HealthEvents.Config events,
    List<String> blockers,
    Duration end,
    List<Action> actions) {

  record Target(String name, Duration interval, Duration timeout, int failuresToSuspect,
      int successesToClear, List<String> channels) {}

  /** One {@code at <time> <verb> <args...>} line; {@code args} keeps the raw words. */
  record Action(Duration at, String verb, List<String> args, int line) {
    String arg(int i) {
      return args.get(i);
    }

    /** The {@code key=value} words of the line. */
    Map<String, String> options() {
      Map<String, String> m = new LinkedHashMap<>();
      args.stream().filter(a -> a.contains("=")).forEach(a -> m.put(
          a.substring(0, a.indexOf('=')), a.substring(a.indexOf('=') + 1)));
      return m;
    }
  }

  static Scenario parse(List<String> lines) {
    List<String> observers = List.of("local");
    List<Target> targets = new ArrayList<>();
    Map<String, ChannelSpec> channels = new LinkedHashMap<>();
    QuorumPolicy policy = DetectionSettings.defaults().policy();
    HealthEvents.Config events = HealthEvents.Config.of("us-east-1", Set.of("RDS", "EC2"));
    Duration tick = DetectionSettings.defaults().tick();
    Duration peerFresh = DetectionSettings.defaults().peerFreshFor();
    List<String> blockers = List.of();
    Duration end = Duration.ofSeconds(20);
    List<Action> actions = new ArrayList<>();
    for (int n = 0; n < lines.size(); n++) {
      String text = lines.get(n).replaceAll("#.*", "").trim();
      if (text.isEmpty()) {
        continue;
      }
      List<String> w = Arrays.asList(text.split("\\s+"));
      Map<String, String> o = new Action(Duration.ZERO, w.get(0), w, n + 1).options();
      switch (w.get(0)) {
        case "observers" -> observers = w.subList(1, w.size());
        case "target" -> targets.add(new Target(w.get(1), duration(o.getOrDefault("interval", "1s")),
            duration(o.getOrDefault("timeout", "800ms")),
            Integer.parseInt(o.getOrDefault("failuresToSuspect", "3")),
            Integer.parseInt(o.getOrDefault("successesToClear", "2")),
            list(o.getOrDefault("channels", ""))));
        case "channel" -> channels.put(w.get(1), new ChannelSpec(w.get(1),
            ConfigNamed.fromConfigName(ChannelKind.class, o.getOrDefault("kind", "postgres")).orElseThrow(),
            duration(o.getOrDefault("interval", "1s")),
            duration(o.getOrDefault("objective", "1s")), 3));
        case "quorum" -> policy = new QuorumPolicy(
            list(o.get("require")).stream()
                .map(f -> ConfigNamed.fromConfigName(SignalFamily.class, f).orElseThrow()).toList(),
            Integer.parseInt(o.get("minSignals")), duration(o.get("holdFor")),
            duration(o.getOrDefault("clearAfter", o.get("holdFor"))));
        case "events" -> events = new HealthEvents.Config(o.get("primaryRegion"),
            Set.copyOf(list(o.get("services"))),
            duration(o.getOrDefault("freshFor", "6h")), Set.copyOf(list(o.getOrDefault("alarms", ""))),
            duration(o.getOrDefault("alarmFreshFor", "6h")));
        case "tick" -> tick = duration(w.get(1));
        case "blockers" -> blockers = w.subList(1, w.size()).stream()
            .map(b -> b.replace('-', ' ')).toList();
        case "peerFreshFor" -> peerFresh = duration(w.get(1));
        case "end" -> end = duration(w.get(1));
        case "at" -> actions.add(new Action(duration(w.get(1)), w.get(2), w.subList(3, w.size()), n + 1));
        default -> throw new IllegalArgumentException("line " + (n + 1) + ": unknown " + w.get(0));
      }
    }
    return new Scenario(List.copyOf(observers), targets, channels,
        DetectionSettings.of(policy, tick, peerFresh), events, blockers, end, actions);
  }

  /** {@code 500ms}, {@code 1.5s}, {@code -3s}, {@code 10m}, {@code 6h}. */
  static Duration duration(String text) {
    String unit = text.replaceAll("^[-+0-9.]+", "");
    BigDecimal n = new BigDecimal(text.substring(0, text.length() - unit.length()));
    long scale = switch (unit) {
      case "ms" -> 1;
      case "s" -> 1_000;
      case "m" -> 60_000;
      case "h" -> 3_600_000;
      default -> throw new IllegalArgumentException("bad duration " + text);
    };
    return Duration.ofMillis(n.multiply(BigDecimal.valueOf(scale)).longValueExact());
  }

  /** {@code 12s}, {@code 12.5s}, {@code 0s}: the time column of expected-verdicts.txt. */
  static String clock(Duration t) {
    return BigDecimal.valueOf(t.toMillis(), 3).stripTrailingZeros().toPlainString() + "s";
  }

  private static List<String> list(String csv) {
    return csv.isEmpty() ? List.of() : List.of(csv.split(","));
  }
}
