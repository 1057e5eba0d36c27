package io.drwatch.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.testkit.Await;
import io.drwatch.testkit.RedisPairExtension;
import java.time.Duration;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** The lab's Redis pair really replicates, and each fault knob has the effect it promises. */
@ExtendWith(RedisPairExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisPairIT {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static boolean linkUp(RedisPair redis) throws Exception {
        return redis.cliReplica("INFO", "replication").contains("master_link_status:up");
    }

    @Test
    @Order(1)
    void replicatesWrites(RedisPair redis) throws Exception {
        assertThat(redis.primaryUrl()).isEqualTo("redis://127.0.0.1:" + redis.primaryPort());
        assertThat(redis.replicaUrl()).isEqualTo("redis://127.0.0.1:" + redis.replicaPort());
        assertThat(redis.cliReplica("INFO", "replication")).contains("role:slave", "master_link_status:up");
        assertThat(redis.cliPrimary("SET", "k1", "v1")).isEqualTo("OK");
        Await.until(WAIT, "k1 on replica", () -> "v1".equals(redis.cliReplica("GET", "k1")));
    }

    @Test
    @Order(2)
    void breakLinkTakesTheLinkDownAndRestoreLinkBringsItBack(RedisPair redis) throws Exception {
        redis.breakLink();
        assertThat(redis.cliReplica("INFO", "replication")).contains("master_link_status:down");
        redis.cliPrimary("SET", "k2", "v2");
        assertThat(redis.cliReplica("GET", "k2")).isEmpty();

        redis.restoreLink();
        assertThat(linkUp(redis)).isTrue();
        Await.until(WAIT, "k2 on replica", () -> "v2".equals(redis.cliReplica("GET", "k2")));
    }

    @Test
    @Order(3)
    void pausedReplicaLags(RedisPair redis) throws Exception {
        redis.pauseReplica(Duration.ofMillis(1500));
        long start = System.nanoTime();
        redis.cliPrimary("SET", "k3", "v3");
        Await.until(WAIT, "k3 on replica", () -> "v3".equals(redis.cliReplica("GET", "k3")));
        assertThat(Await.elapsedMillis(start)).isGreaterThanOrEqualTo(1000);
    }

    @Test
    @Order(4)
    void killedPrimaryTakesTheLinkDownUntilRestarted(RedisPair redis) throws Exception {
        redis.killPrimary();
        assertThat(Net.isListening(redis.primaryPort())).isFalse();
        Await.until(WAIT, "link down", () -> redis.cliReplica("INFO", "replication").contains("master_link_status:down"));

        redis.startPrimary();
        Await.until(WAIT, "link up again", () -> linkUp(redis));
        assertThat(redis.cliPrimary("SET", "k4", "v4")).isEqualTo("OK");
        Await.until(WAIT, "k4 on replica", () -> "v4".equals(redis.cliReplica("GET", "k4")));
    }
}
