package io.drwatch.port;

import io.vertx.core.Future;

/**
 * One liveness check of a detection target (the primary's endpoint) from this observer: connect
 * and run the cheapest meaningful request. Succeeds when the target answered as expected; fails
 * with a short reason otherwise, keeping the original failure as the cause so the caller can tell
 * a refused connection from a timeout ({@code ProbeFailure}). The caller bounds it with the
 * target's timeout.
 */
public interface TargetProbe {

  /** Checks the target once. Never retries: consecutive failures are the caller's business. */
  Future<Void> check();

  /** Releases connections. */
  Future<Void> close();
}
