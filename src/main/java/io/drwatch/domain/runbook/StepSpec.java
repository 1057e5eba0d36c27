package io.drwatch.domain.runbook;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One configured step of a runbook ({@code runbook.steps[]}). Checks only what one step can know;
 * {@link Runbook} checks the steps together. Build one with {@link #builder(String, String)}.
 *
 * @param id unique in the runbook; names the step in the journal, logs and the {@code step}
 *     metric tag, hence letters, digits, {@code .}, {@code _} and {@code -} only
 * @param action the action kind that runs the step, e.g. {@code pg-promote}
 * @param after ids of the steps that must be finished (or skipped as already done) first;
 *     duplicates are dropped, order kept
 * @param timeout bound on one attempt (apply + await); positive, default {@link #DEFAULT_TIMEOUT}
 * @param retries attempts after a failed one; 0 = a single attempt, default 0
 * @param expected the duration estimate the RTO projection uses until the step has been measured;
 *     default {@code timeout}, so an unmeasured runbook over-promises nothing
 * @param fence true for a fence step: no promote step starts before every fence step is done
 * @param promote true for a step the RPO gate guards; default {@link #promotesByName(String)}
 * @param params action parameters, opaque here (they may hold credentials: never journaled)
 */
public record StepSpec(
    String id,
    String action,
    List<String> after,
    Duration timeout,
    int retries,
    Duration expected,
    boolean fence,
    boolean promote,
    Map<String, String> params) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  public StepSpec {
    Objects.requireNonNull(id, "id");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "step id must be letters, digits, '.', '_' or '-', but was \"" + id + "\"");
    }
    if (Objects.requireNonNull(action, "action").isBlank()) {
      throw new IllegalArgumentException("step " + id + ": action must not be blank");
    }
    after = List.copyOf(new LinkedHashSet<>(after));
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException(
          "step " + id + ": timeout must be positive, but was " + timeout);
    }
    if (retries < 0) {
      throw new IllegalArgumentException(
          "step " + id + ": retries must be >= 0, but was " + retries);
    }
    if (expected.isNegative()) {
      throw new IllegalArgumentException(
          "step " + id + ": expected must be >= 0, but was " + expected);
    }
    // Map.copyOf would lose the configured order that plan output and docs show.
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  /** A builder with the defaults above: no {@code after}, 60s timeout, no retries. */
  public static Builder builder(String id, String action) {
    return new Builder(id, action);
  }

  /**
   * Whether an action kind promotes a standby by its name: {@code *-promote} (pg-promote,
   * rds-promote, redis-promote) or {@code *-failover} (aurora-global-failover, …).
   */
  public static boolean promotesByName(String action) {
    return action.endsWith("-promote") || action.endsWith("-failover");
  }

  /** How many attempts the step gets in all. */
  public int attempts() {
    return 1 + retries;
  }

  /** The same step without params: what the journal keeps of the plan. */
  public StepSpec withoutParams() {
    return new StepSpec(id, action, after, timeout, retries, expected, fence, promote, Map.of());
  }

  /** Fluent construction; the record's constructor checks the result. */
  public static final class Builder {
    private final String id;
    private final String action;
    private final List<String> after = new ArrayList<>();
    private Duration timeout = DEFAULT_TIMEOUT;
    private int retries;
    private Duration expected;
    private boolean fence;
    private Boolean promote;
    private final Map<String, String> params = new LinkedHashMap<>();

    private Builder(String id, String action) {
      this.id = Objects.requireNonNull(id, "id");
      this.action = Objects.requireNonNull(action, "action");
    }

    public Builder after(String... ids) {
      return after(List.of(ids));
    }

    public Builder after(List<String> ids) {
      after.addAll(ids);
      return this;
    }

    public Builder timeout(Duration value) {
      timeout = Objects.requireNonNull(value, "timeout");
      return this;
    }

    public Builder retries(int value) {
      retries = value;
      return this;
    }

    public Builder expected(Duration value) {
      expected = Objects.requireNonNull(value, "expected");
      return this;
    }

    public Builder fence(boolean value) {
      fence = value;
      return this;
    }

    /** Overrides the role derived from the action name; for custom or webhook promotions. */
    public Builder promote(boolean value) {
      promote = value;
      return this;
    }

    public Builder params(Map<String, String> values) {
      params.putAll(values);
      return this;
    }

    public Builder param(String key, String value) {
      params.put(key, value);
      return this;
    }

    public StepSpec build() {
      boolean role = promote != null ? promote : promotesByName(action);
      Duration estimate = expected != null ? expected : timeout;
      return new StepSpec(id, action, after, timeout, retries, estimate, fence, role, params);
    }
  }
}
