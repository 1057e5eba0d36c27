package io.drwatch.port;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.Map;

/**
 * One kind of failover step (pg-promote, redis-promote, rds-promote, ...). Idempotent by
 * construction: the pipeline calls {@link #check} first and skips the step if the target state
 * already holds, which is also how a step that was in flight during a crash is re-checked.
 * The pipeline bounds every call by the step's timeout; implementations bound their own polling,
 * and stop it (and their retries) once {@link Step#abandoned} completes.
 */
public interface FailoverAction {

  /**
   * The parameters of one step invocation (in a drill, the step's own drill params).
   *
   * @param runId names the failover run, for actions that must derive an idempotency key that is
   *     stable across a crash and retry of the same run but new for the next run (e.g. a Step
   *     Functions execution name); empty when there is no run (ad-hoc invocations, tests)
   * @param epoch the fencing epoch of the executor lease this step runs under, {@code >= 1} in
   *     real runs and drills; {@code 0} means "no lease" (ad-hoc invocations, tests). Actions that
   *     call out pass it on (webhook header {@code X-Drwatch-Epoch}, {@code "epoch"} in JSON
   *     payloads) so that a receiver can refuse a step from a deposed executor
   * @param abandoned completes once nobody waits for this step any more: its timeout fired, the run
   *     was cancelled, the executor lease was lost, or the step ended. Actions hand it to their
   *     {@code Poll} and {@code Retry} so that no provider call starts after that; a call in flight
   *     is left to finish. Never completes for steps made without one (ad-hoc invocations, tests)
   */
  record Step(String id, Map<String, String> params, boolean drill, String runId, long epoch,
      Future<Void> abandoned) {
    public Step {
      params = Map.copyOf(params);
      runId = runId == null ? "" : runId;
      if (epoch < 0) {
        throw new IllegalArgumentException("step " + id + ": epoch must be >= 0, was " + epoch);
      }
      // A fresh future per step, never a shared one: listeners on a shared future would pile up.
      abandoned = abandoned == null ? Promise.<Void>promise().future() : abandoned;
    }

    /** A step that is never abandoned (its caller waits for it, or does not care). */
    public Step(String id, Map<String, String> params, boolean drill, String runId, long epoch) {
      this(id, params, drill, runId, epoch, null);
    }

    /** A step outside any lease: epoch 0. */
    public Step(String id, Map<String, String> params, boolean drill, String runId) {
      this(id, params, drill, runId, 0);
    }

    public Step(String id, Map<String, String> params, boolean drill) {
      this(id, params, drill, "", 0);
    }

    /**
     * A required parameter; the failure names the step and the key. A secret given as a file
     * ({@code passwordFile: /path} for {@code password}) is read here, so a rotated file is used
     * from the next call on.
     */
    public String param(String key) {
      String v = fromFile(key).orElse(params.get(key));
      if (v == null || v.isBlank()) {
        throw new IllegalArgumentException("step " + id + ": missing parameter " + key);
      }
      return v;
    }

    public String param(String key, String fallback) {
      return fromFile(key).orElse(params.getOrDefault(key, fallback));
    }

    private java.util.Optional<String> fromFile(String key) {
      String file = params.get(key + "File");
      if (file == null || file.isBlank() || params.containsKey(key)) {
        return java.util.Optional.empty();
      }
      try {
        return java.util.Optional.of(io.drwatch.config.Secret.currentValueOf(java.nio.file.Path.of(file.strip())));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("step " + id + ": " + key + "File " + e.getMessage());
      }
    }

    /** A whole-number parameter in [1, max]; the failure names the step, the key and the value. */
    public int number(String key, int fallback, int max) {
      String text = param(key, Integer.toString(fallback)).strip();
      int value;
      try {
        value = Integer.parseInt(text);
      } catch (NumberFormatException e) {
        value = -1;
      }
      if (value < 1 || value > max) {
        throw new IllegalArgumentException("step " + id + ": " + key
            + " must be a whole number between 1 and " + max + ", but was \"" + text + "\"");
      }
      return value;
    }
  }

  /** The action name used in runbooks, e.g. {@code pg-promote}. */
  String name();

  /** True if the target already is in the state this step produces (then the step is skipped). */
  Future<Boolean> check(Step step);

  /** Makes the change. Must not be called when {@link #check} said true. */
  Future<Void> apply(Step step);

  /** Completes once the target state is verified (read back), polling as needed. */
  Future<Void> await(Step step);
}
