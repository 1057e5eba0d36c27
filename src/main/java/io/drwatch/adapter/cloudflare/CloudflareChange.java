package io.drwatch.adapter.cloudflare;

import io.vertx.core.json.JsonObject;

/** One Cloudflare resource a step changes: where it is, the partial update, and how to see it took. */
interface CloudflareChange {

  CloudflareTarget api();

  /** The resource's path below the API base, built from ids only, so it is safe in messages. */
  String path();

  /** What the resource is, for messages: {@code dns record}, {@code pool}. */
  String noun();

  /** The PATCH body: only the fields the step sets, so everything else on the resource stays. */
  JsonObject patch();

  /** Whether the resource as read back shows the change. */
  boolean matches(JsonObject resource);

  /** The fields {@link #patch} sets, as the resource has them now. */
  default String describe(JsonObject resource) {
    JsonObject now = new JsonObject();
    patch().fieldNames().forEach(f -> now.put(f, resource.getValue(f)));
    return now.encode();
  }
}
