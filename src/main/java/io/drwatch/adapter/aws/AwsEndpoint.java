package io.drwatch.adapter.aws;

import io.drwatch.domain.Require;
import java.net.URI;
import java.util.Optional;

/**
 * Where a client talks to and as whom: a region, for tests or private endpoints an explicit
 * endpoint (e.g. {@code http://127.0.0.1:5000} for moto), and optionally a role to assume (another
 * account's replica) instead of the daemon's own credentials.
 */
public record AwsEndpoint(String region, Optional<URI> endpointOverride, Optional<String> role) {
  public AwsEndpoint {
    Require.nonNull("region", region, "endpointOverride", endpointOverride, "role", role);
    if (region.isBlank()) {
      throw new IllegalArgumentException("region must not be blank");
    }
  }

  public AwsEndpoint(String region, Optional<URI> endpointOverride) {
    this(region, endpointOverride, Optional.empty());
  }

  /** The same endpoint and role in another region (a global resource's other member). */
  public AwsEndpoint inRegion(String otherRegion) {
    return new AwsEndpoint(otherRegion, endpointOverride, role);
  }

  public static AwsEndpoint of(String region) {
    return new AwsEndpoint(region, Optional.empty());
  }
}
