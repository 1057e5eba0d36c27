package io.drwatch.bootstrap;

import io.drwatch.adapter.httpprobe.HttpTargetProbe;
import io.drwatch.adapter.postgres.PgTargetProbe;
import io.drwatch.adapter.redis.RedisTargetProbe;
import io.drwatch.adapter.tcp.TcpTargetProbe;
import io.drwatch.config.TargetConfig;
import io.drwatch.port.TargetProbe;
import io.vertx.core.Vertx;

/** The one place that maps a target's probe type to its adapter. */
final class TargetKinds {
  private TargetKinds() {}

  static TargetProbe probe(Vertx vertx, TargetConfig t) {
    return switch (t.probe()) {
      case TCP -> TcpTargetProbe.create(vertx, t.address(), t.timeout());
      case HTTP -> HttpTargetProbe.create(vertx, t.address(), t.expectStatus(), t.bodyContains(), t.timeout());
      case POSTGRES -> PgTargetProbe.create(vertx, t.endpoint(), t.timeout());
      case REDIS -> RedisTargetProbe.create(vertx, t.endpoint(), t.timeout());
    };
  }
}
