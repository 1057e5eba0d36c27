package io.drwatch.port;

/** Why a lease or mirror operation failed, as a code callers switch on rather than a message. */
public final class LeaseFailure extends RuntimeException {
  /** What went wrong. */
  public enum Code {
    /** Another observer holds the lease, or this one lost it. */
    NOT_HELD,
    /** A newer epoch was granted since this write's epoch: the write was refused. */
    FENCED,
    /**
     * The coordination service did not answer in time, or the session is gone; for a lone
     * observer, its state dir cannot be created or written.
     */
    UNAVAILABLE,
    /** Another daemon holds the state directory's lock. */
    LOCKED
  }

  private final Code code;

  public LeaseFailure(Code code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public LeaseFailure(Code code, String message, Throwable cause) {
    super(message, cause, false, false);
    this.code = code;
  }

  public Code code() {
    return code;
  }
}
