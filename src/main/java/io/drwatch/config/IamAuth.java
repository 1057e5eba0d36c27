package io.drwatch.config;

import java.util.Objects;
import java.util.Optional;

/**
 * IAM database authentication instead of a password: drwatch signs a short-lived token with the
 * credentials of the default AWS provider chain for every new connection.
 *
 * @param region the database's region, the token is signed for it
 * @param cacheName ElastiCache only: the replication group (or serverless cache) the token is for;
 *     empty for PostgreSQL
 * @param serverless ElastiCache only: {@code cacheName} is a serverless cache, whose tokens carry
 *     {@code ResourceType=ServerlessCache}
 */
public record IamAuth(String region, Optional<String> cacheName, boolean serverless) {

  public IamAuth {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(cacheName, "cacheName");
  }

  /** For a database or a replication group. */
  public IamAuth(String region, Optional<String> cacheName) {
    this(region, cacheName, false);
  }
}
