package io.drwatch.testkit;

import io.drwatch.lab.RedisPair;
import java.nio.file.Path;

/** {@code @ExtendWith(RedisPairExtension.class)}: a Redis primary + replica per test class. */
public final class RedisPairExtension extends LabPairExtension<RedisPair> {
    public RedisPairExtension() {
        super(RedisPair.class);
    }

    @Override
    RedisPair start(Path baseDir) throws Exception {
        return RedisPair.start(baseDir, 0, 0);
    }
}
