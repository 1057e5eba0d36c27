package io.drwatch.adapter.support.iam;

import io.drwatch.domain.CodedFailure;
import io.drwatch.domain.FailureCode;
import io.drwatch.domain.Failures;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * A source of IAM auth tokens for one database user: each call returns a token that is valid for
 * at least five more minutes, signed anew on a worker thread when the last one is older than
 * {@link #REUSE_FOR}. Meant to be called for every new connection; a token is only checked at
 * login, so a long-lived connection outlives its token without harm.
 */
public final class AuthTokens implements Supplier<Future<String>> {
  /** Tokens live 15 minutes; one is reused for 10 so that a connection never logs in with a stale one. */
  public static final Duration REUSE_FOR = Duration.ofMinutes(10);

  private final Vertx vertx;
  private final Callable<String> sign;
  private final Clock clock;
  private final String what;
  private volatile Signed last;

  private record Signed(String token, Instant at) {}

  AuthTokens(Vertx vertx, Callable<String> sign, Clock clock, String what) {
    this.vertx = vertx;
    this.sign = sign;
    this.clock = clock;
    this.what = what;
  }

  /** Tokens for an RDS or Aurora PostgreSQL user, credentials from the default provider chain. */
  public static AuthTokens rds(Vertx vertx, String region, String host, int port, String user) {
    return rds(vertx, Credentials.DEFAULT, region, host, port, user);
  }

  static AuthTokens rds(Vertx vertx, Supplier<AwsCredentialsProvider> credentials, String region, String host,
      int port, String user) {
    return new AuthTokens(vertx, () -> TokenSigner.rds(credentials.get(), region, host, port, user),
        Clock.systemUTC(), "rds-db:connect token for " + user + "@" + host + ":" + port);
  }

  /** Tokens for an ElastiCache user id on a replication group or ({@code serverless}) a serverless cache. */
  public static AuthTokens elastiCache(Vertx vertx, String region, String cacheName, String userId,
      boolean serverless) {
    return elastiCache(vertx, Credentials.DEFAULT, region, cacheName, userId, serverless, Clock.systemUTC());
  }

  static AuthTokens elastiCache(Vertx vertx, Supplier<AwsCredentialsProvider> credentials, String region,
      String cacheName, String userId, boolean serverless, Clock clock) {
    return new AuthTokens(vertx,
        () -> TokenSigner.elastiCache(credentials.get(), region, cacheName, userId, serverless, clock),
        clock, "elasticache:Connect token for " + userId + " on " + cacheName);
  }

  @Override
  public Future<String> get() {
    Signed s = last;
    Instant now = clock.instant();
    if (s != null && now.isBefore(s.at().plus(REUSE_FOR))) {
      return Future.succeededFuture(s.token());
    }
    return vertx.executeBlocking(sign, false)
        .map(token -> {
          last = new Signed(token, now);
          return token;
        })
        .recover(err -> Future.failedFuture(CodedFailure.of(FailureCode.AUTH,
            "cannot sign the " + what + ": " + Failures.line(err), null, 0, null, err)));
  }

  /** The default chain, built once on first use (on a worker thread: it may read files). */
  private static final class Credentials {
    static final Supplier<AwsCredentialsProvider> DEFAULT = new Supplier<>() {
      private volatile AwsCredentialsProvider provider;

      @Override
      public AwsCredentialsProvider get() {
        AwsCredentialsProvider p = provider;
        if (p == null) {
          synchronized (this) {
            if (provider == null) {
              provider = DefaultCredentialsProvider.builder().build();
            }
            p = provider;
          }
        }
        return p;
      }
    };
  }
}
