package io.drwatch.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.domain.channel.ChannelKind;
import io.drwatch.schema.KindCatalog;
import io.drwatch.schema.ParamSpec;
import io.drwatch.schema.ParamType;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every registered descriptor documents itself fully and agrees with the rest of the house. */
class DescriptorsTest {
  private static final KindRegistry KINDS = KindRegistry.installed();

  private static Stream<io.drwatch.schema.KindSpec<?>> all() {
    return Stream.concat(KINDS.channelKinds().stream(), KINDS.actions().stream());
  }

  @Test
  void shouldFindEveryKindThroughServiceLoader() {
    assertThat(KINDS.channelKinds()).hasSize(9);
    assertThat(KINDS.actions()).hasSize(22);
    assertThat(KindCatalog.installed().actions()).hasSameSizeAs(KINDS.actions());
  }

  @Test
  void shouldDocumentEveryParamOfEveryDescriptor() {
    all().forEach(kind -> {
      assertThat(kind.name()).as("name").matches("[a-z0-9-]+");
      assertThat(kind.summary()).as(kind.name() + " summary").isNotBlank();
      for (ParamSpec p : kind.params().specs()) {
        assertThat(p.doc()).as(kind.name() + "." + p.name() + " doc").isNotBlank();
        if (p.type() == ParamType.ENUM) {
          assertThat(p.allowed()).as(kind.name() + "." + p.name() + " values").isNotEmpty();
        }
        if (p.pattern().isPresent()) {
          assertThat(p.patternDoc()).as(kind.name() + "." + p.name() + " pattern meaning").isNotBlank();
        }
        p.defaultValue().ifPresent(d -> assertThat(p.required()).as(kind.name() + "." + p.name()
            + ": a required param has no default").isFalse());
      }
    });
  }

  @Test
  void shouldAcceptEveryDefaultAsAValue() {
    all().forEach(kind -> kind.params().specs().forEach(p -> p.defaultValue().ifPresent(d -> {
      List<io.drwatch.schema.ParamError> errors = new java.util.ArrayList<>();
      kind.params().read(kind.name(), java.util.Map.of(p.name(), d), errors);
      assertThat(errors).as(kind.name() + "." + p.name() + " default").noneMatch(e -> e.param().equals(p.name()));
    })));
  }

  /** The domain keeps its enum (ChannelSpec carries it and the domain sees no SPI); the two stay equal. */
  @Test
  void shouldHaveOneDescriptorPerChannelKindOfTheDomain() {
    assertThat(KINDS.channelKinds().stream().map(ChannelKindDescriptor::name))
        .containsExactlyInAnyOrderElementsOf(Arrays.stream(ChannelKind.values()).map(ChannelKind::configName).toList());
  }

  @Test
  void shouldDeclareTheLongProviderOperationsOfTheIssueAndAWaitMatchingTheirParam() {
    Set<String> longOps = Set.of("rds-promote", "rds-create-replica", "aurora-global-failover", "elasticache-global-failover",
        "elasticache-global-associate", "pg-rebuild-standby",
        "efs-stop-replication", "sfn-start", "k8s-scale");
    for (ActionDescriptor<?> a : KINDS.actions()) {
      assertThat(a.longOperation()).as(a.name() + " long").isEqualTo(longOps.contains(a.name()));
      a.params().spec("waitSeconds").ifPresent(w -> assertThat(w.defaultValue())
          .as(a.name() + " waitSeconds default").contains(Integer.toString(a.waitSeconds())));
      assertThat(a.needsAws() ? a.iamActions() : List.of()).as(a.name() + ": an AWS action names its IAM actions")
          .hasSize(a.needsAws() ? a.iamActions().size() : 0);
      if (a.needsAws()) {
        assertThat(a.iamActions()).as(a.name()).isNotEmpty();
      }
    }
  }
}
