package io.drwatch.adapter.cloudflare;

import io.drwatch.port.FailoverAction;
import io.drwatch.spi.AbstractActionDescriptor;
import io.drwatch.spi.KindContext;
import io.drwatch.schema.ParamException;
import io.drwatch.schema.ParamSpec;
import io.drwatch.schema.Params;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code cloudflare-pool}: see {@link CloudflarePoolAction}. */
public final class CloudflarePoolDescriptor extends AbstractActionDescriptor<CloudflarePoolDescriptor.Target> {

  /** The pool and whether it should take traffic. */
  public record Target(String account, String pool, boolean enabled) {}

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
  public Target parse(Params p) {
    return new Target(p.string("account"), p.string("pool"), p.bool("enabled"));
  }

  @Override
  public FailoverAction create(KindContext context) {
    return CloudflarePoolAction.create(context.vertx());
  }
}
