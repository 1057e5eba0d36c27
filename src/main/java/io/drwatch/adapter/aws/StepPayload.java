package io.drwatch.adapter.aws;

import io.drwatch.port.FailoverAction.Step;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;

/**
 * The JSON a step hands to AWS (a Lambda payload, a Step Functions input, an EventBridge detail).
 * Every JSON object carries the step's fencing epoch as {@code "epoch"}, so that the receiving
 * side can refuse work from an executor that has lost its lease (architecture §8).
 */
public final class StepPayload {
  /** The key drwatch sets in every object payload; a key of that name in a custom one is replaced. */
  public static final String EPOCH = "epoch";

  private StepPayload() {}

  /** {@code {"step": id, "drill": flag, "epoch": n}}, for a step without a payload of its own. */
  public static String defaults(Step step) {
    return new JsonObject().put("step", step.id()).put("drill", step.drill()).put(EPOCH, step.epoch()).encode();
  }

  /**
   * The parameter {@code key} as the payload, or {@link #defaults} when it is absent or blank. A
   * JSON object gets {@code "epoch"}; other JSON (an array, a string) is sent as written, since it
   * has no place for one.
   *
   * @throws IllegalArgumentException naming the step and the key when the text is not JSON
   */
  public static String of(Step step, String key) {
    String text = step.params().get(key);
    if (text == null || text.isBlank()) {
      return defaults(step);
    }
    Object value;
    try {
      value = Json.decodeValue(text);
    } catch (DecodeException e) {
      throw new IllegalArgumentException("step " + step.id() + ": " + key + " is not JSON");
    }
    return value instanceof JsonObject object ? object.put(EPOCH, step.epoch()).encode() : text;
  }

  /** Like {@link #of} for a payload that must be a JSON object (an EventBridge detail). */
  public static String object(Step step, String key) {
    String text = step.params().get(key);
    if (text == null || text.isBlank()) {
      return defaults(step);
    }
    try {
      return new JsonObject(text).put(EPOCH, step.epoch()).encode();
    } catch (DecodeException | ClassCastException e) {
      throw new IllegalArgumentException("step " + step.id() + ": " + key + " is not a JSON object");
    }
  }
}
