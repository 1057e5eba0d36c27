package io.drwatch.domain;

import java.util.Locale;

/**
 * Why a remote call, a probe or a failover step failed, in a closed set of words: journaled with
 * every failed step and used as the {@code code} label of metrics, so label values stay bounded.
 * The provider's own code (an AWS error code, a Cloudflare error number, an HTTP status) travels
 * beside it on {@link CodedFailure}; this is the part drwatch decides on (retry or not, alert on).
 */
public enum FailureCode {
  /** No answer within the time allowed: a call's timeout, or a read-back that never saw its target state. */
  TIMEOUT,
  /** The other side could not be reached or answered like a broken server: refused, reset, DNS, 5xx. */
  UNREACHABLE,
  /** Credentials are missing, wrong or lack a right: HTTP 401/403, an AWS access denial. */
  AUTH,
  /** The provider asked us to slow down: HTTP 429 or a throttling error; retried after a pause. */
  THROTTLED,
  /** The provider understood and refused the request (a 4xx that is not one of the above). */
  REJECTED,
  /** The resource reached a state it does not leave by itself (failed, deleting): waiting is pointless. */
  TERMINAL_STATE,
  /** Our own parameters are wrong (missing, malformed, out of range): nothing was sent. */
  BAD_PARAMS,
  /** The named resource does not exist (HTTP 404, NoSuchKey, DBInstanceNotFound). */
  NOT_FOUND,
  /** The TLS handshake failed: certificate, host name or protocol. */
  TLS;

  /** The lower-case form used in the journal and as a metric label, e.g. {@code "throttled"}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Reads {@link #label()} (or the enum name) back; empty text or an unknown word is refused. */
  public static FailureCode parse(String text) {
    return valueOf(text.strip().toUpperCase(Locale.ROOT));
  }
}
