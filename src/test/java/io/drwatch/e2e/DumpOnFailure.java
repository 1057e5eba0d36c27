package io.drwatch.e2e;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/** Prints each daemon's log tail and journal, the sink and the nft table when a test or its set-up fails. */
final class DumpOnFailure implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {
  @Override
  public void handleTestExecutionException(ExtensionContext ctx, Throwable t) throws Throwable {
    dump(ctx, t);
    throw t;
  }

  @Override
  public void handleBeforeAllMethodExecutionException(ExtensionContext ctx, Throwable t) throws Throwable {
    dump(ctx, t);
    throw t;
  }

  @Override
  public void handleBeforeEachMethodExecutionException(ExtensionContext ctx, Throwable t) throws Throwable {
    dump(ctx, t);
    throw t;
  }

  private static void dump(ExtensionContext ctx, Throwable t) {
    E2eCluster c = E2eCluster.current();
    if (c != null) {
      System.out.println(c.dump(ctx.getDisplayName() + " failed: " + t));
    }
  }
}
