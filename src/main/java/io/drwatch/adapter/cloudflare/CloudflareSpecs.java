package io.drwatch.adapter.cloudflare;

import io.drwatch.schema.ParamSchema;
import io.drwatch.schema.ParamSpec;
import io.drwatch.schema.SharedSpecs;

/** The params both Cloudflare actions share. */
final class CloudflareSpecs {
  static final String ID_PATTERN = "[A-Za-z0-9]{1,64}";
  static final String ID_RULE = "a Cloudflare id (letters and digits)";

  private static final ParamSpec API_TOKEN = ParamSpec.string("apiToken").asRequired().asSecret()
      .doc("API token, sent as Authorization: Bearer");
  private static final ParamSpec API_BASE = ParamSpec.url("apiBase").defaultsTo("https://api.cloudflare.com/client/v4")
      .doc("the API's base url");
  private static final ParamSpec TIMEOUT = SharedSpecs.requestTimeout(300);
  private static final ParamSpec WAIT = SharedSpecs.waitSeconds(60, 3600, "how long the read-back polls");

  private CloudflareSpecs() {}

  /** The schema of a Cloudflare action: the token and base url, {@code own} params, then the bounds. */
  static ParamSchema schema(ParamSpec... own) {
    return ParamSchema.of(API_TOKEN, API_BASE).with(own).with(TIMEOUT, WAIT);
  }

  static ParamSpec id(String name, String doc) {
    return ParamSpec.string(name).asRequired().matching(ID_PATTERN, ID_RULE).doc(doc);
  }
}
