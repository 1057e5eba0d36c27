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
 */
public record IamAuth(String region, Optional<String> cacheName) {

  public IamAuth {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(cacheName, "cacheName");
  }
}
