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
}
