package io.drwatch.spi;

import io.drwatch.port.FailoverAction;
import io.drwatch.schema.ActionKindSpec;

/**
 * One runbook action, self-described: name, params, wait ({@link ActionKindSpec}) and the factory.
 * Found through {@link java.util.ServiceLoader} ({@code META-INF/services/io.drwatch.spi.ActionDescriptor});
 * one class in the action's own adapter package.
 */
public interface ActionDescriptor<T> extends ActionKindSpec<T> {

  /** The action, one per daemon; AWS clients are asked for on its first call only. */
  FailoverAction create(KindContext context);

  /**
   * True for an action that stops writes on the old primary itself before it promotes, with no
   * loss by its own protocol (Redis {@code FAILOVER}: the handover waits for the replica's offset
   * to match). A switchover's promote step with such an action needs no fence step before it, and
   * the zero-loss gate does not check it. Default false.
   */
  default boolean fencesItself() {
    return false;
  }
}
