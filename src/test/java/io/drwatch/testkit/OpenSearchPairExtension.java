package io.drwatch.testkit;

import java.nio.file.Path;

/** {@code @ExtendWith(OpenSearchPairExtension.class)}: a real OpenSearch leader + follower per test class. */
public final class OpenSearchPairExtension extends LabPairExtension<OpenSearchPair> {
  public OpenSearchPairExtension() {
    super(OpenSearchPair.class);
  }

  @Override
  OpenSearchPair start(Path baseDir) throws Exception {
    return OpenSearchPair.start(baseDir);
  }
}
