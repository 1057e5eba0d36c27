package io.drwatch.bootstrap;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.logstash.logback.composite.AbstractJsonProvider;

/**
 * The JSON log's {@code channel}, {@code target}, {@code run} and {@code step} fields. Code that
 * puts them in the SLF4J MDC gets them as they are (the MDC provider writes those); for the rest
 * they are read off the shapes of today's verdict and failover lines, which the app builds as
 * plain text through {@link System.Logger} and which carry no structured arguments.
 */
public final class LogFields extends AbstractJsonProvider<ILoggingEvent> {
  public static final List<String> KEYS = List.of("channel", "target", "run", "step");

  // ConditionChanged.verdictLine: "<channel> <FROM> -> <TO>: <reason>"
  private static final Pattern CHANNEL_CHANGE = Pattern.compile("^(\\S+) [A-Z_]+ -> [A-Z_]+: ");
  // SuspicionTracker.Transition.verdictLine: "<observer>: <target> suspected|cleared: <reason>"
  private static final Pattern SUSPICION = Pattern.compile("^\\S+: (\\S+) (?:suspected|cleared): ");
  // FailoverPipeline, RunEnd, StepRunner: "run <id>: ...", "resuming run <id> (...)", "step <id> of run <id>"
  private static final Pattern RUN = Pattern.compile("\\brun ([\\w.:-]*[\\w.-])");
  private static final Pattern STEP = Pattern.compile("\\b(?:step|RPO gate for) ([\\w.-]+)");

  static final String VERDICT_LOGGER = "io.drwatch.verdict";
  static final String FAILOVER_LOGGER = "io.drwatch.failover";

  /** The fields of one line that its MDC does not already give. */
  static Map<String, String> of(String logger, String message, Map<String, String> mdc) {
    Map<String, String> found = new LinkedHashMap<>();
    if (message != null) {
      if (VERDICT_LOGGER.equals(logger)) {
        first(CHANNEL_CHANGE, message).ifPresent(v -> found.put("channel", v));
        first(SUSPICION, message).ifPresent(v -> found.put("target", v));
      } else if (FAILOVER_LOGGER.equals(logger)) {
        first(RUN, message).ifPresent(v -> found.put("run", v));
        first(STEP, message).ifPresent(v -> found.put("step", v));
      }
    }
    found.keySet().removeAll(mdc.keySet());
    return found;
  }

  private static java.util.Optional<String> first(Pattern p, String message) {
    Matcher m = p.matcher(message);
    return m.find() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
  }

  @Override
  public void writeTo(JsonGenerator generator, ILoggingEvent event) throws IOException {
    for (Map.Entry<String, String> e
        : of(event.getLoggerName(), event.getFormattedMessage(), event.getMDCPropertyMap()).entrySet()) {
      generator.writeStringField(e.getKey(), e.getValue());
    }
  }
}
