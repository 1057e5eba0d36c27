package io.drwatch.adapter.redis;

import io.drwatch.adapter.support.Failing;
import io.drwatch.domain.FailureCode;
import io.drwatch.domain.Failures;
import io.drwatch.domain.Texts;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One Redis server a re-protection action talks to (redis-replicaof, redis-failover): each command
 * on a client of its own, bounded by {@link #CALL_TIMEOUT} and closed in every case, so nothing is
 * held between steps. An error reply fails {@link FailureCode#REJECTED} with Redis' own words.
 */
record RedisNode(URI url, RedisOptions options, RedisConnect connect, Optional<String> password, String label) {
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
  static final int DEFAULT_PORT = 6379;

  static RedisNode of(URI url, Optional<String> password, Optional<Path> caFile) {
    NetClientOptions transport = new NetClientOptions().setConnectTimeout((int) CALL_TIMEOUT.toMillis());
    RedisConnect connect = RedisConnect.of(url.toString(), caFile, transport);
    RedisOptions options = new RedisOptions().setConnectionString(url.toString()).setMaxPoolSize(1)
        .setMaxPoolWaiting(0).setNetClientOptions(transport);
    return new RedisNode(url, options, connect, password, "redis " + url.getHost() + ":" + port(url));
  }

  static int port(URI url) {
    return url.getPort() == -1 ? DEFAULT_PORT : url.getPort();
  }

  String host() {
    return url.getHost();
  }

  int port() {
    return port(url);
  }

  Future<ReplicationInfo> info(Vertx vertx) {
    return send(vertx, Request.cmd(Command.INFO).arg("replication"))
        .map(r -> ReplicationInfo.parse(r.toString()));
  }

  /** The command's reply; an error reply is REJECTED, no answer TIMEOUT/UNREACHABLE, all under {@link #label}. */
  Future<Response> send(Vertx vertx, Request request) {
    Redis client = connect.client(vertx, options, RedisConnect.fixed(password));
    return client.connect()
        .compose(conn -> conn.send(request).recover(err -> Failing.with(FailureCode.REJECTED, Failures.line(err))))
        .timeout(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .andThen(done -> client.close())
        .recover(err -> connect.tlsFailure(err)
            .<Future<Response>>map(tls -> Future.failedFuture(tls.withMessage(label + ": " + tls.getMessage())))
            .orElseGet(() -> Failures.isTimeout(err)
                ? Failing.with(FailureCode.TIMEOUT, label + ": no answer within " + Texts.duration(CALL_TIMEOUT))
                : Failing.under(label, err)));
  }
}
