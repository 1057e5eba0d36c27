package io.drwatch.bootstrap;

import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/** One line per record on stderr, ISO time first, so verdicts read as a log of decisions. */
public final class Logging {
  private Logging() {}

  /** Installs the one-line stderr format, unless a logging config file was given. */
  public static void configure() {
    if (System.getProperty("java.util.logging.config.file") != null) {
      return;
    }
    System.setProperty("java.util.logging.SimpleFormatter.format",
        "%1$tFT%1$tT.%1$tLZ %4$-7s %3$s %5$s%6$s%n");
    LogManager.getLogManager().reset();
    Logger root = Logger.getLogger("");
    ConsoleHandler handler = new ConsoleHandler();
    handler.setFormatter(new SimpleFormatter());
    handler.setLevel(Level.ALL);
    root.addHandler(handler);
    root.setLevel(Level.INFO);
    // Netty and Vert.x internals are noisy at INFO about things an operator cannot act on.
    Logger.getLogger("io.netty").setLevel(Level.WARNING);
  }
}
