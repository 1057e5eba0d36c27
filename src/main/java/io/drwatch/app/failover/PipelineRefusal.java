package io.drwatch.app.failover;

/** Why the pipeline refused an intent, as a code the HTTP API and the trigger switch on. */
public final class PipelineRefusal extends RuntimeException {
  /** What stood in the way. */
  public enum Code {
    /** No active run with that id here (it may be driven by another observer). */
    NO_SUCH_RUN,
    /** The run is not in a state that allows the intent. */
    WRONG_STATE,
    /** Automatic failover is latched off after a successful failover. */
    NOT_ARMED,
    /** Already armed: nothing to re-arm. */
    ALREADY_ARMED,
    /** An automatic trigger within the cooldown after the last execute run. */
    COOLDOWN,
    /** This observer does not hold the executor lease (or lost it). */
    NOT_EXECUTOR,
    /** The journal could not record the transition. */
    JOURNAL,
    /** Another run is active: an operator-only run never joins it. */
    RUN_ACTIVE,
    /** The config has no runbook section for the mode asked for. */
    NOT_CONFIGURED,
    /** A reprotect with no UNPROTECTED channel to rebuild. */
    NOTHING_TO_DO,
    /** A switchover would promote a channel that has no replica. */
    UNPROTECTED
  }

  private final Code code;

  public PipelineRefusal(Code code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public Code code() {
    return code;
  }
}
