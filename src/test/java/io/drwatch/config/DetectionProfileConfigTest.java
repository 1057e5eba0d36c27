package io.drwatch.config;

import static io.drwatch.config.ConfigErrorsTest.errorsOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.domain.round.DetectionProfile;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DetectionProfileConfigTest {
  private static final String CHANNELS = """
      channels:
        - name: orders-db
          kind: postgres
          primary: { url: "postgresql://drwatch@10.0.0.5:5432/app" }
          replica: { url: "postgresql://drwatch@10.1.0.5:5432/app" }
      """;

  private static DetectionConfig detection(String yaml) throws ConfigException {
    return ConfigLoader.parse(CHANNELS + yaml, name -> null).detection();
  }

  private static String withProfile(String profile, String targetKeys, String quorum) {
    return """
        detection:
          %s
          targets:
            - { name: db, probe: postgres, address: "postgresql://drwatch@10.0.0.5:5432/app",
                channels: [orders-db]%s }
          %s
        """.formatted(profile, targetKeys, quorum);
  }

  @Test
  void shouldPresetFastProbesAndQuorum() throws Exception {
    DetectionConfig fast = detection(withProfile("profile: fast", "", ""));

    TargetConfig t = fast.targets().get(0);
    assertThat(t.interval()).isEqualTo(Duration.ofMillis(250));
    assertThat(t.timeout()).isEqualTo(Duration.ofMillis(250));
    assertThat(t.failuresToSuspect()).isEqualTo(2);
    assertThat(t.successesToClear()).isEqualTo(2);
    assertThat(fast.quorum()).isEqualTo(new QuorumConfig(List.of("probes", "replication"), 2,
        Duration.ofMillis(500), Duration.ofMillis(500)));
    // The rest of detection is not part of the preset.
    assertThat(fast.tick()).isEqualTo(DetectionConfig.none().tick());
  }

  @Test
  void shouldReadTheSameAsTheExplicitKeysItStandsFor() throws Exception {
    DetectionConfig preset = detection(withProfile("profile: fast", "", ""));
    DetectionConfig explicit = detection(withProfile("tick: 1s",
        ", interval: 250ms, timeout: 250ms, failuresToSuspect: 2, successesToClear: 2",
        "quorum: { require: [probes, replication], minSignals: 2, holdFor: 500ms }"));

    assertThat(explicit).isEqualTo(preset);
  }

  @Test
  void shouldLetExplicitKeysOverrideThePreset() throws Exception {
    DetectionConfig c = detection(withProfile("profile: fast",
        ", interval: 2s, failuresToSuspect: 4", "quorum: { holdFor: 1s }"));

    TargetConfig t = c.targets().get(0);
    assertThat(t.interval()).isEqualTo(Duration.ofSeconds(2));
    // The preset's timeout still applies: only the keys written change.
    assertThat(t.timeout()).isEqualTo(Duration.ofMillis(250));
    assertThat(t.failuresToSuspect()).isEqualTo(4);
    assertThat(t.successesToClear()).isEqualTo(2);
    assertThat(c.quorum().holdFor()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.quorum().clearAfter()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.quorum().require()).containsExactly("probes", "replication");
  }

  @Test
  void shouldReadStandardAsNoProfile() throws Exception {
    assertThat(detection(withProfile("profile: standard", "", "")))
        .isEqualTo(detection(withProfile("tick: 1s", "", "")));
    assertThat(DetectionProfile.STANDARD.policy())
        .isEqualTo(io.drwatch.domain.round.DetectionSettings.defaults().policy());
  }

  @Test
  void shouldRejectAnUnknownProfileNamingKeyValueAndChoices() {
    assertThat(errorsOf(CHANNELS + withProfile("profile: turbo", "", "")))
        .containsExactly("detection.profile: must be one of standard | fast, was \"turbo\"");
  }
}
