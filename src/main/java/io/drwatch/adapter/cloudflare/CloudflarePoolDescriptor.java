package io.drwatch.adapter.cloudflare;

import io.drwatch.schema.ParamSpec;
import io.drwatch.schema.Params;
import io.vertx.core.json.JsonObject;

/**
 * {@code cloudflare-pool}: enables or disables one Load Balancing pool, e.g. disabling the old
 * primary's pool as a fence so the load balancer sends traffic to the next pool. A
 * {@link CloudflarePatchAction} on {@code /accounts/{account}/load_balancers/pools/{pool}} that
 * patches {@code enabled} only: origins, monitor and steering stay. The token needs Account / Load
 * Balancing: Monitors and Pools / Edit.
 */
public final class CloudflarePoolDescriptor extends CloudflareDescriptor {

  public CloudflarePoolDescriptor() {
    super("cloudflare-pool", "Enables or disables a Cloudflare load balancer pool (`PATCH` of `enabled` only) and"
        + " polls until it reads back.",
        CloudflareSpecs.id("account", "the account's id"),
        CloudflareSpecs.id("pool", "the pool's id"),
        ParamSpec.bool("enabled").asRequired().doc("whether the pool takes traffic"));
  }

  @Override
  public CloudflareChange parse(Params p) {
    return new CloudflareChange(CloudflareTarget.of(p), "/accounts/" + p.string("account")
        + "/load_balancers/pools/" + p.string("pool"), "pool", new JsonObject().put("enabled", p.bool("enabled")));
  }
}
