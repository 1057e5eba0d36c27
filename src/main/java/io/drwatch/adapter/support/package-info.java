/**
 * The one shared foundation of adapters: retries ({@link io.drwatch.adapter.support.Retry},
 * {@link io.drwatch.adapter.support.Backoff}), read-back waits ({@link io.drwatch.adapter.support.Poll},
 * {@link io.drwatch.adapter.support.Deadline}) and JSON over HTTP ({@link io.drwatch.adapter.support.HttpJson}),
 * all on Vert.x timers and an injected clock. Adapters may depend on this package and never on each
 * other; this package depends on no adapter (LayeringTest).
 */
package io.drwatch.adapter.support;
