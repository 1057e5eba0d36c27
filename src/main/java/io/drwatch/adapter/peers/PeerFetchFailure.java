package io.drwatch.adapter.peers;

/** Why polling one peer failed, as a code tests and logs switch on rather than a message. */
public final class PeerFetchFailure extends RuntimeException {
  /** What went wrong. */
  public enum Code {
    /** The peer answered with a status other than 200. */
    STATUS,
    /** The body is over {@link HttpVoteExchange#BODY_LIMIT}: refused unread, connection reset. */
    BODY_TOO_LARGE,
    /** The body is not the votes JSON. */
    MALFORMED,
    /** The peer is bound to a name ({@code {url, observer}}) and reported under another. */
    WRONG_OBSERVER
  }

  private final Code code;

  public PeerFetchFailure(Code code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public Code code() {
    return code;
  }
}
