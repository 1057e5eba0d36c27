package io.drwatch.adapter.cloudflare;

import io.drwatch.port.FailoverAction;
import io.drwatch.schema.ParamSpec;
import io.drwatch.schema.Params;
import io.drwatch.spi.AbstractActionDescriptor;
import io.drwatch.spi.KindContext;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * {@code cloudflare-pool}: enables or disables one Load Balancing pool, e.g. disabling the old
 * primary's pool as a fence so the load balancer sends traffic to the next pool. A
 * {@link CloudflarePatchAction} on {@code /accounts/{account}/load_balancers/pools/{pool}} that
 * patches {@code enabled} only: origins, monitor and steering stay. The token needs Account / Load
 * Balancing: Monitors and Pools / Edit.
 */
public final class CloudflarePoolDescriptor extends AbstractActionDescriptor<CloudflareChange> {

  public CloudflarePoolDescriptor() {
    super("cloudflare-pool", "Enables or disables a Cloudflare load balancer pool (`PATCH` of `enabled` only) and"
        + " polls until it reads back.",
        CloudflareSpecs.schema(
            CloudflareSpecs.id("account", "the account's id"),
            CloudflareSpecs.id("pool", "the pool's id"),
            ParamSpec.bool("enabled").asRequired().doc("whether the pool takes traffic")),
        60, Speed.QUICK, false, List.of());
  }

  @Override
  public CloudflareChange parse(Params p) {
    return new CloudflareChange(CloudflareTarget.of(p), "/accounts/" + p.string("account")
        + "/load_balancers/pools/" + p.string("pool"), "pool", new JsonObject().put("enabled", p.bool("enabled")));
  }

  @Override
  public FailoverAction create(KindContext context) {
    return CloudflarePatchAction.create(context.vertx(), this);
  }
}
