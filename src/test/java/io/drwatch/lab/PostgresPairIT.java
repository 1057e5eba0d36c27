package io.drwatch.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.testkit.Await;
import io.drwatch.testkit.PostgresPairExtension;
import java.time.Duration;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** The lab's PostgreSQL pair really replicates, and each fault knob has the effect it promises. */
@ExtendWith(PostgresPairExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresPairIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String STREAMING_RECEIVERS =
            "SELECT count(*) FROM pg_stat_wal_receiver WHERE status = 'streaming'";

    @Test
    @Order(1)
    void startsAStreamingHotStandby(PostgresPair pg) throws Exception {
        assertThat(pg.primaryUrl()).isEqualTo("postgresql://postgres@127.0.0.1:" + pg.primaryPort() + "/postgres");
        assertThat(pg.standbyUrl()).isEqualTo("postgresql://postgres@127.0.0.1:" + pg.standbyPort() + "/postgres");
        assertThat(pg.psqlPrimary("SELECT pg_is_in_recovery()")).isEqualTo("f");
        assertThat(pg.psqlStandby("SELECT pg_is_in_recovery()")).isEqualTo("t");
        assertThat(pg.psqlPrimary("SELECT state FROM pg_stat_replication")).isEqualTo("streaming");
        assertThat(pg.psqlStandby(STREAMING_RECEIVERS)).isEqualTo("1");
    }

    @Test
    @Order(2)
    void writesOnPrimaryBecomeVisibleOnStandby(PostgresPair pg) throws Exception {
        pg.psqlPrimary("CREATE TABLE lab_it (id int PRIMARY KEY, v text)");
        pg.psqlPrimary("INSERT INTO lab_it VALUES (1, 'one')");
        Await.until(WAIT, "row 1 on standby", () -> "one".equals(pg.psqlStandby("SELECT v FROM lab_it WHERE id = 1")));
    }

    @Test
    @Order(3)
    void applyDelayHoldsCommitsBack(PostgresPair pg) throws Exception {
        pg.setApplyDelay(Duration.ofSeconds(2));
        try {
            assertThat(pg.psqlStandby("SHOW recovery_min_apply_delay")).isEqualTo("2s");
            long start = System.nanoTime();
            pg.psqlPrimary("INSERT INTO lab_it VALUES (2, 'two')");
            Await.until(WAIT, "row 2 on standby", () -> "two".equals(pg.psqlStandby("SELECT v FROM lab_it WHERE id = 2")));
            assertThat(Await.elapsedMillis(start)).isGreaterThanOrEqualTo(1800);
        } finally {
            pg.setApplyDelay(Duration.ZERO);
        }
        assertThat(pg.psqlStandby("SHOW recovery_min_apply_delay")).isEqualTo("0");
    }

    @Test
    @Order(4)
    void breakLinkStopsTheWalReceiverAndRestoreLinkResumes(PostgresPair pg) throws Exception {
        pg.breakLink();
        assertThat(pg.psqlStandby(STREAMING_RECEIVERS)).isEqualTo("0");
        pg.psqlPrimary("INSERT INTO lab_it VALUES (3, 'three')");
        assertThat(pg.psqlStandby("SELECT count(*) FROM lab_it WHERE id = 3")).isEqualTo("0");

        pg.restoreLink();
        assertThat(pg.psqlPrimary("SELECT state FROM pg_stat_replication")).isEqualTo("streaming");
        Await.until(WAIT, "row 3 after restore", () -> "three".equals(pg.psqlStandby("SELECT v FROM lab_it WHERE id = 3")));
    }

    @Test
    @Order(5)
    void stoppedPrimaryComesBack(PostgresPair pg) throws Exception {
        pg.stopPrimary();
        assertThat(Net.isListening(pg.primaryPort())).isFalse();
        pg.startPrimary();
        Await.until(WAIT, "streaming after restart",
                () -> "streaming".equals(pg.psqlPrimary("SELECT state FROM pg_stat_replication")));
    }

    @Test
    @Order(6)
    void killedPrimaryLeavesAReadableStandbyWithoutReceiver(PostgresPair pg) throws Exception {
        pg.killPrimary();
        assertThat(Net.isListening(pg.primaryPort())).isFalse();
        Await.until(WAIT, "WAL receiver gone", () -> "0".equals(pg.psqlStandby(STREAMING_RECEIVERS)));
        assertThat(pg.psqlStandby("SELECT v FROM lab_it WHERE id = 1")).isEqualTo("one");

        pg.startPrimary(); // crash recovery, then the standby reconnects by itself
        Await.until(WAIT, "streaming after crash",
                () -> "streaming".equals(pg.psqlPrimary("SELECT state FROM pg_stat_replication")));
    }
}
