package io.drwatch.bootstrap;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import java.net.URL;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Log set-up for the CLI: logback behind SLF4J, on stderr, as text (one line per record, ISO time
 * first, so verdicts read as a log of decisions) or as one JSON object per line for log shippers.
 *
 * <p>drwatch's own code logs through {@link System.Logger}, which the JDK sends to
 * java.util.logging; here that is bridged into SLF4J, so the daemon's lines, Vert.x's, Netty's,
 * the AWS SDK's and ZooKeeper's all meet one backend. Tests do not call this and keep plain JUL,
 * which their log-capturing handlers and the blocked-thread check listen on.
 */
public final class Logging {
  /** The environment variable (or system property {@code drwatch.log.format}) naming the format. */
  public static final String FORMAT_ENV = "DRWATCH_LOG_FORMAT";
  static final String FORMAT_PROPERTY = "drwatch.log.format";

  /** {@code text} (the default) or {@code json}. */
  public enum Format {
    TEXT("/logback.xml"),
    JSON("/io/drwatch/logging/json.xml");

    private final String resource;

    Format(String resource) {
      this.resource = resource;
    }

    /** The format named {@code text} or {@code json} (any case); anything else is an error. */
    public static Format parse(String name) {
      try {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("log format must be text or json, not \"" + name + "\"", e);
      }
    }
  }

  private Logging() {}

  /**
   * Configures logging from {@code -Ddrwatch.log.format} or {@code DRWATCH_LOG_FORMAT}: it has to
   * happen before the config file is read, because reading it already logs.
   */
  public static void configure() {
    String named = System.getProperty(FORMAT_PROPERTY, System.getenv(FORMAT_ENV));
    Format format = Format.TEXT;
    try {
      format = named == null || named.isBlank() ? Format.TEXT : Format.parse(named);
    } catch (IllegalArgumentException e) {
      // Logs in the wrong format beat no daemon; the line says why they are text.
      System.err.println("drwatch: " + FORMAT_ENV + ": " + e.getMessage() + "; logging as text");
    }
    configure(format);
  }

  /**
   * The config file's {@code log.format}, once it is read: applied unless the environment already
   * named a format, so that an operator can override a file without editing it.
   */
  public static void configureFromFile(java.util.Optional<String> format) {
    if (format.isPresent() && System.getProperty(FORMAT_PROPERTY, System.getenv(FORMAT_ENV)) == null) {
      configure(Format.parse(format.get()));
    }
  }

  /**
   * Switches to {@code format}. An operator's own
   * {@code -Dlogback.configurationFile} wins: only the JUL bridge is installed then.
   */
  public static void configure(Format format) {
    Objects.requireNonNull(format, "format");
    bridgeJul();
    if (System.getProperty("logback.configurationFile") != null
        || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    URL config = Logging.class.getResource(format.resource);
    context.reset();
    JoranConfigurator joran = new JoranConfigurator();
    joran.setContext(context);
    try {
      joran.doConfigure(Objects.requireNonNull(config, format.resource));
    } catch (JoranException e) {
      throw new IllegalStateException("logging config " + format.resource + ": " + e.getMessage(), e);
    }
    // Joran reports a broken config only in its status list; a daemon without logs must not start quietly.
    for (Status s : context.getStatusManager().getCopyOfStatusList()) {
      if (s.getLevel() == Status.ERROR) {
        throw new IllegalStateException("logging config " + format.resource + ": " + s.getMessage(), s.getThrowable());
      }
    }
  }

  private static void bridgeJul() {
    if (!SLF4JBridgeHandler.isInstalled()) {
      // The root's ConsoleHandler would print every record a second time, in JUL's own format.
      SLF4JBridgeHandler.removeHandlersForRootLogger();
      SLF4JBridgeHandler.install();
    }
  }
}
