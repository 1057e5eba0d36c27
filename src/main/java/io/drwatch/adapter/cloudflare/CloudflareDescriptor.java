package io.drwatch.adapter.cloudflare;

import io.drwatch.port.FailoverAction;
import io.drwatch.schema.ParamSpec;
import io.drwatch.spi.AbstractActionDescriptor;
import io.drwatch.spi.KindContext;
import java.util.List;

/**
 * What every Cloudflare action shares: the token, base url and bounds around its own params, a
 * quick action that needs no AWS, and a {@link CloudflarePatchAction} running the change its
 * parse builds.
 */
abstract class CloudflareDescriptor extends AbstractActionDescriptor<CloudflareChange> {

  CloudflareDescriptor(String name, String summary, ParamSpec... own) {
    super(name, summary, CloudflareSpecs.schema(own), 60, Speed.QUICK, false, List.of());
  }

  @Override
  public final FailoverAction create(KindContext context) {
    return CloudflarePatchAction.create(context.vertx(), this);
  }
}
