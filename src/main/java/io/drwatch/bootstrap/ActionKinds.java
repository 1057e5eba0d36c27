package io.drwatch.bootstrap;

import io.drwatch.adapter.aws.AwsClients;
import io.drwatch.adapter.aws.efs.EfsStopReplicationAction;
import io.drwatch.adapter.aws.elasticache.ElastiCacheGlobalFailoverAction;
import io.drwatch.adapter.aws.arc.ArcRoutingControlAction;
import io.drwatch.adapter.aws.eventbridge.EventBridgePutAction;
import io.drwatch.adapter.aws.globalaccelerator.GaTrafficDialAction;
import io.drwatch.adapter.aws.lambda.LambdaInvokeAction;
import io.drwatch.adapter.aws.rds.AuroraGlobalFailoverAction;
import io.drwatch.adapter.aws.rds.RdsPromoteAction;
import io.drwatch.adapter.aws.sfn.SfnStartAction;
import io.drwatch.adapter.cloudflare.CloudflareDnsAction;
import io.drwatch.adapter.cloudflare.CloudflarePoolAction;
import io.drwatch.adapter.kubernetes.K8sScaleAction;
import io.drwatch.adapter.opensearch.StopFollowAction;
import io.drwatch.adapter.postgres.PgPromoteAction;
import io.drwatch.adapter.redis.RedisPromoteAction;
import io.drwatch.adapter.webhook.WebhookAction;
import io.drwatch.port.FailoverAction;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The one place that maps an action name to its adapter. A new action adds one line to
 * {@link #create} and its name to {@link #NAMES}. The AWS actions share the daemon's {@link AwsClients},
 * built on their first call (on a worker thread).
 */
final class ActionKinds implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ActionKinds.class.getName());

  /** Known without building anything: for check-config and plan. */
  static final Set<String> NAMES = Set.of("pg-promote", "redis-promote", "webhook", "lambda-invoke",
      "eventbridge-put", "rds-promote", "aurora-global-failover", "elasticache-global-failover",
      "efs-stop-replication", "sfn-start", "ga-traffic-dial", "arc-routing-control", "cloudflare-dns",
      "cloudflare-pool", "k8s-scale", "opensearch-stop-follow");

  private final Map<String, FailoverAction> actions;

  private ActionKinds(Map<String, FailoverAction> actions) {
    this.actions = actions;
  }

  /** {@code aws} is asked for on an AWS action's first call only (on a worker thread). */
  static ActionKinds create(Vertx vertx, Supplier<AwsClients> aws) {
    List<FailoverAction> all = List.of(
        PgPromoteAction.create(vertx),
        RedisPromoteAction.create(vertx),
        WebhookAction.create(vertx),
        LambdaInvokeAction.create(vertx, aws),
        EventBridgePutAction.create(vertx, aws),
        RdsPromoteAction.create(vertx, aws),
        AuroraGlobalFailoverAction.create(vertx, aws),
        ElastiCacheGlobalFailoverAction.create(vertx, aws),
        EfsStopReplicationAction.create(vertx, aws),
        SfnStartAction.create(vertx, aws),
        GaTrafficDialAction.create(vertx, aws),
        ArcRoutingControlAction.create(vertx, aws),
        CloudflareDnsAction.create(vertx),
        CloudflarePoolAction.create(vertx),
        K8sScaleAction.create(vertx),
        StopFollowAction.create(vertx, () -> aws.get().credentials()));
    Map<String, FailoverAction> actions = all.stream()
        .collect(Collectors.toMap(FailoverAction::name, a -> a));
    if (!actions.keySet().equals(NAMES)) {
      throw new IllegalStateException("action names drifted: " + actions.keySet() + " vs " + NAMES);
    }
    return new ActionKinds(Map.copyOf(actions));
  }

  Map<String, FailoverAction> actions() {
    return actions;
  }

  /** Closes the actions that hold clients; the shared AWS clients they borrowed are the daemon's. */
  @Override
  public void close() {
    for (FailoverAction action : actions.values()) {
      if (action instanceof AutoCloseable c) {
        try {
          c.close();
        } catch (Exception e) {
          LOG.log(Level.WARNING, "closing action " + action.name() + ": " + e);
        }
      }
    }
  }
}
