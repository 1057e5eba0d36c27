package io.drwatch.adapter.cloudflare;

import io.drwatch.schema.ParamException;
import io.drwatch.schema.ParamSpec;
import io.drwatch.schema.Params;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * {@code cloudflare-dns}: points one DNS record at a new target (an IP or a host name), a
 * {@link CloudflarePatchAction} on {@code /zones/{zone}/dns_records/{record}}. Only
 * {@code content} (and {@code proxied}/{@code ttl} when given) is patched: name and type stay. For a
 * DNS-only record, clients follow once their resolvers' cached answer expires (the record's TTL);
 * for a proxied record the edge uses the new origin at once. The token needs Zone / DNS / Edit.
 */
public final class CloudflareDnsDescriptor extends CloudflareDescriptor {

  public CloudflareDnsDescriptor() {
    super("cloudflare-dns", "Patches a Cloudflare DNS record's `content` (and `proxied`/`ttl` if given) and polls"
        + " until it reads back.",
        CloudflareSpecs.id("zone", "the zone's id"),
        CloudflareSpecs.id("record", "the DNS record's id"),
        ParamSpec.string("content").asRequired().doc("the record's new content (an address, a name)"),
        ParamSpec.bool("proxied").doc("whether Cloudflare proxies the record; unchanged when absent"),
        ParamSpec.integer("ttl").range(1, 86_400).doc("1 = automatic, or 60..86400; unchanged when absent"));
  }

  @Override
  public CloudflareChange parse(Params p) {
    Optional<Integer> ttl = p.optionalInteger("ttl");
    if (ttl.isPresent() && ttl.get() != 1 && ttl.get() < 60) {
      throw new ParamException("ttl", "must be 1 (automatic) or between 60 and 86400", ttl.get().toString());
    }
    JsonObject body = new JsonObject().put("content", p.string("content").strip());
    p.optionalBool("proxied").ifPresent(v -> body.put("proxied", v));
    ttl.ifPresent(t -> body.put("ttl", t));
    return new CloudflareChange(CloudflareTarget.of(p), "/zones/" + p.string("zone") + "/dns_records/"
        + p.string("record"), "dns record", body);
  }
}
