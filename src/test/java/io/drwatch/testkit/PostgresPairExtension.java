package io.drwatch.testkit;

import io.drwatch.lab.PostgresPair;
import java.nio.file.Path;
import java.time.Duration;

/** {@code @ExtendWith(PostgresPairExtension.class)}: a primary + streaming standby per test class, no apply delay. */
public final class PostgresPairExtension extends LabPairExtension<PostgresPair> {
    public PostgresPairExtension() {
        super(PostgresPair.class);
    }

    @Override
    PostgresPair start(Path baseDir) throws Exception {
        return PostgresPair.start(baseDir, 0, 0, Duration.ZERO);
    }
}
