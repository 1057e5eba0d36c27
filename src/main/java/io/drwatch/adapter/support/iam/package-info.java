/**
 * IAM database authentication tokens: {@link io.drwatch.adapter.support.iam.AuthTokens#rds} for
 * RDS/Aurora PostgreSQL ({@code rds-db:connect}) and {@link io.drwatch.adapter.support.iam.AuthTokens#elastiCache}
 * for ElastiCache Redis/Valkey ({@code elasticache:Connect}), signed with the default credentials
 * chain on a worker thread and reused for at most {@link io.drwatch.adapter.support.iam.AuthTokens#REUSE_FOR},
 * well inside their 15-minute life. Shared by the postgres and redis adapters, which may not import
 * each other.
 */
package io.drwatch.adapter.support.iam;
