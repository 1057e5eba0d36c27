package io.drwatch.adapter.cloudflare;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * One Cloudflare resource a step changes: where it is, the partial update, and how to see it took.
 * Every kind's change is this, built by its descriptor's parse from the step's params.
 *
 * @param path the resource's path below the API base, built from ids only, so it is safe in messages
 * @param noun what the resource is, for messages: {@code dns record}, {@code pool}
 * @param patch the PATCH body: only the fields the step sets, so everything else on the resource stays
 */
public record CloudflareChange(CloudflareTarget api, String path, String noun, JsonObject patch) {

  /** Whether the resource as read back shows the change: every field patched reads as sent. */
  public boolean matches(JsonObject resource) {
    return patch.fieldNames().stream().allMatch(f -> same(patch.getValue(f), resource.getValue(f)));
  }

  /** The fields {@link #patch} sets, as the resource has them now. */
  public String describe(JsonObject resource) {
    JsonObject now = new JsonObject();
    patch.fieldNames().forEach(f -> now.put(f, resource.getValue(f)));
    return now.encode();
  }

  // A number decoded from JSON may be an Integer or a Long: 300 is 300 either way.
  private static boolean same(Object sent, Object found) {
    return sent instanceof Number a && found instanceof Number b ? a.longValue() == b.longValue()
        : Objects.equals(sent, found);
  }
}
