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

/** {@code cloudflare-dns}: see {@link CloudflareDnsAction}. */
public final class CloudflareDnsDescriptor extends AbstractActionDescriptor<CloudflareDnsDescriptor.Target> {

  /** The record and what it should say. */
  public record Target(String zone, String record, String content, Optional<Boolean> proxied,
      Optional<Integer> ttl) {}

  public CloudflareDnsDescriptor() {
    super("cloudflare-dns", "Patches a Cloudflare DNS record's `content` (and `proxied`/`ttl` if given) and polls"
        + " until it reads back.",
        CloudflareSpecs.schema(
            CloudflareSpecs.id("zone", "the zone's id"),
            CloudflareSpecs.id("record", "the DNS record's id"),
            ParamSpec.string("content").asRequired().doc("the record's new content (an address, a name)"),
            ParamSpec.bool("proxied").doc("whether Cloudflare proxies the record; unchanged when absent"),
            ParamSpec.integer("ttl").range(1, 86_400).doc("1 = automatic, or 60..86400; unchanged when absent")),
        60, Speed.QUICK, false, List.of());
  }

  @Override
  public Target parse(Params p) {
    Optional<Integer> ttl = p.optionalInteger("ttl");
    if (ttl.isPresent() && ttl.get() != 1 && ttl.get() < 60) {
      throw new ParamException("ttl", "must be 1 (automatic) or between 60 and 86400", ttl.get().toString());
    }
    return new Target(p.string("zone"), p.string("record"), p.string("content"), p.optionalBool("proxied"), ttl);
  }

  @Override
  public FailoverAction create(KindContext context) {
    return CloudflareDnsAction.create(context.vertx());
  }
}
