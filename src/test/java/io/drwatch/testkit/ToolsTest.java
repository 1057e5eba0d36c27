package io.drwatch.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** A missing tool skips a test on a developer's machine and fails it under CI=true. */
class ToolsTest {

  @Test
  void aPresentToolPasses() {
    Tools.require(true, "x", "y");
    assertThat(Tools.find("sh")).isPresent();
    assertThat(Tools.find("no-such-tool-drwatch")).isEmpty();
  }

  @Test
  void aMissingToolFailsUnderCiAndIsSkippedElsewhereNamingTheInstallStep() {
    if (Tools.ci()) {
      assertThatThrownBy(() -> Tools.require(false, "promtool", "Debian package prometheus"))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("CI=true and promtool is not installed (Debian package prometheus)")
          .hasMessageContaining(Tools.INSTALL_STEP);
    } else {
      assertThatThrownBy(() -> Tools.require(false, "promtool", "Debian package prometheus"))
          .isInstanceOf(TestAbortedException.class)
          .hasMessageContaining(Tools.INSTALL_STEP)
          .hasMessageContaining("under CI=true this test fails");
    }
  }
}
