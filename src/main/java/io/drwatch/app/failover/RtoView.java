package io.drwatch.app.failover;

import io.drwatch.app.status.StatusBoard;
import io.drwatch.domain.channel.ChannelCondition;
import io.drwatch.domain.channel.ChannelStatus;
import io.drwatch.domain.runbook.Readiness;
import io.drwatch.domain.runbook.RtoProjection;
import io.drwatch.domain.runbook.RtoProjector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The projected RTO now: detection time plus the runbook's critical path, each step estimated
 * from its measured history, with penalties from the standby's live readiness.
 */
public final class RtoView {
  private final PipelineSettings settings;
  private final RunsBoard runs;
  private final StatusBoard channels;

  public RtoView(PipelineSettings settings, RunsBoard runs, StatusBoard channels) {
    this.settings = settings;
    this.runs = runs;
    this.channels = channels;
  }

  public RtoProjection project() {
    return RtoProjector.project(settings.runbook(), settings.detection(), runs.stepHistory(),
        readiness());
  }

  // A replica we cannot reach cannot be promoted: no RTO can be promised until it is back.
  private List<Readiness> readiness() {
    List<Readiness> out = new ArrayList<>();
    if (channels == null) {
      return out;
    }
    for (Map.Entry<String, String> e : settings.channels().entrySet()) {
      ChannelStatus s = channels.channel(e.getValue());
      if (s != null && s.condition() == ChannelCondition.REPLICA_UNREACHABLE) {
        out.add(Readiness.unavailable("step " + e.getKey() + ": replica of " + s.name()
            + " unavailable: " + s.verdict()));
      }
      if (s != null && s.warmUp().isPresent() && !s.warmUp().get().isZero()) {
        out.add(Readiness.penalty(e.getKey(), s.warmUp().get(), "standby of " + s.name()
            + " needs " + io.drwatch.domain.Texts.duration(s.warmUp().get()) + " to warm up"));
      }
    }
    return out;
  }
}
