package io.drwatch.bootstrap;

import io.drwatch.adapter.postgres.PgPromoteAction;
import io.drwatch.adapter.redis.RedisPromoteAction;
import io.drwatch.adapter.webhook.WebhookAction;
import io.drwatch.port.FailoverAction;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The one place that maps an action name to its adapter. A new action adds one line here. */
final class ActionKinds {
  private static final List<Function<Vertx, FailoverAction>> FACTORIES = List.of(
      PgPromoteAction::create,
      RedisPromoteAction::create,
      WebhookAction::create);

  /** Known without building anything: for check-config and plan. */
  static final Set<String> NAMES = Set.of("pg-promote", "redis-promote", "webhook");

  private ActionKinds() {}

  static Map<String, FailoverAction> create(Vertx vertx) {
    Map<String, FailoverAction> actions = FACTORIES.stream().map(f -> f.apply(vertx))
        .collect(Collectors.toMap(FailoverAction::name, a -> a));
    if (!actions.keySet().equals(NAMES)) {
      throw new IllegalStateException("action names drifted: " + actions.keySet() + " vs " + NAMES);
    }
    return actions;
  }
}
