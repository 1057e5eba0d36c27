package io.drwatch.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class FailuresTest {
  /** Stands in for Netty's ConnectTimeoutException: only the simple name says "Timeout". */
  static final class ConnectTimeoutException extends ConnectException {
    ConnectTimeoutException(String message) {
      super(message);
    }
  }

  @Test
  void timeoutsAreRecognisedByTypeOrNameAnywhereInTheChain() {
    assertTrue(Failures.isTimeout(new TimeoutException()));
    assertTrue(Failures.isTimeout(new TimeoutException() { })); // anonymous: empty simple name
    assertTrue(Failures.isTimeout(new ConnectTimeoutException("connection timed out: /10.0.0.5:5432")));
    assertTrue(Failures.isTimeout(new RuntimeException("wrapped", new TimeoutException())));
    assertFalse(Failures.isTimeout(new ConnectException("Connection refused")));
    assertFalse(Failures.isTimeout(new RuntimeException("outer", new IOException("inner"))));
  }

  @Test
  void cyclicCauseChainsEnd() {
    RuntimeException a = new RuntimeException();
    IOException b = new IOException((String) null, a);
    a.initCause(b);
    assertFalse(Failures.isTimeout(a));
    assertEquals("IOException", Failures.line(a)); // the last one reached before the loop
  }

  @Test
  void lineTakesTheOutermostMessage() {
    Throwable err = new IOException("Connection refused: /10.0.0.5:5432",
        new ConnectException("Connection refused"));
    assertEquals("Connection refused: /10.0.0.5:5432", Failures.line(err));
    assertEquals("inner", Failures.line(new RuntimeException((String) null, new IOException("inner"))));
  }

  @Test
  void lineFallsBackToTheClassNameAndFoldsWhitespace() {
    assertEquals("IllegalStateException", Failures.line(new IllegalStateException()));
    assertEquals("a b c", Failures.line(new IOException("  a\n\tb   c \n")));
  }

  @Test
  void lineIsBounded() {
    String exact = "x".repeat(Failures.MAX);
    assertEquals(exact, Failures.line(new IOException(exact)));
    assertEquals(exact + "...", Failures.line(new IOException(exact + "yz")));
  }
}
