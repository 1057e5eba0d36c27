package io.drwatch.bench.detection;

import java.util.List;

/**
 * One line of the detection table.
 *
 * @param tool what declared: drwatch or redis-sentinel
 * @param setup observers and timers
 * @param kills kill runs attempted
 * @param declaredMs kill to declared, per run that declared (for drwatch: on every observer)
 * @param freezes freezes of 2 s applied
 * @param falseDeclarations freezes during which the outage was declared (Sentinel: +odown)
 * @param failovers Sentinel failovers during the freezes (+switch-master); null for drwatch
 * @param dualMasterMs time two Redis nodes both answered ROLE master; negative for drwatch
 */
public record Row(String tool, String setup, int kills, List<Long> declaredMs, int freezes,
    int falseDeclarations, Integer failovers, long dualMasterMs) {

  public static String header() {
    return "| tool | setup | kills declared | kill → declared p50 | p95 | max | 2 s freezes "
        + "| false declarations | failovers on freezes | dual-master time |\n"
        + "|---|---|---|---|---|---|---|---|---|---|";
  }

  public String line() {
    String max = declaredMs.isEmpty() ? "—" : Stats.seconds(declaredMs, 100);
    return "| %s | %s | %d/%d | %s | %s | %s | %d | %d | %s | %s |".formatted(tool, setup,
        declaredMs.size(), kills, Stats.seconds(declaredMs, 50), Stats.seconds(declaredMs, 95),
        max, freezes, falseDeclarations, failovers == null ? "n/a" : failovers.toString(),
        dualMasterMs < 0 ? "n/a" : Stats.secs(dualMasterMs));
  }
}
