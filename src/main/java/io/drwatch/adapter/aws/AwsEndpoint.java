package io.drwatch.adapter.aws;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a client talks to: a region, and for tests or private endpoints an explicit endpoint
 * (e.g. {@code http://127.0.0.1:5000} for moto).
 */
public record AwsEndpoint(String region, Optional<URI> endpointOverride) {
  public AwsEndpoint {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(endpointOverride, "endpointOverride");
    if (region.isBlank()) {
      throw new IllegalArgumentException("region must not be blank");
    }
  }

  public static AwsEndpoint of(String region) {
    return new AwsEndpoint(region, Optional.empty());
  }
}
