package io.drwatch.adapter.coordination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drwatch.port.ExecutorLease.Grant;
import io.drwatch.port.LeaseFailure;
import io.drwatch.testkit.Await;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalExecutorLeaseTest {
  @TempDir
  Path tmp;
  private Vertx vertx;
  private Path dir;

  @BeforeEach
  void setUp() {
    vertx = TestVertx.create();
    dir = tmp.resolve("state");
  }

  @AfterEach
  void tearDown() throws Exception {
    await(vertx.close());
  }

  @Test
  void shouldHoldFromStartToCloseAndTellListeners() throws Exception {
    LocalExecutorLease lease = new LocalExecutorLease(vertx, dir, "use1-a");
    List<Optional<Grant>> changes = new CopyOnWriteArrayList<>();
    lease.onChange(changes::add);

    await(lease.start());

    assertThat(lease.current()).contains(new Grant("use1-a", 1));
    assertThat(lease.holder()).isEqualTo("use1-a");
    assertThat(Files.readString(dir.resolve(LocalExecutorLease.LOCK_FILE)).strip())
        .isEqualTo(Long.toString(ProcessHandle.current().pid()));

    await(lease.close());

    assertThat(lease.current()).isEmpty();
    assertThat(lease.holder()).isEmpty();
    Await.until(Duration.ofSeconds(2), () -> changes.size() == 2);
    assertThat(changes).containsExactly(Optional.of(new Grant("use1-a", 1)), Optional.empty());
  }

  @Test
  void shouldRefuseASecondLeaseOnTheSameDirNamingTheDirAndPid() throws Exception {
    LocalExecutorLease first = new LocalExecutorLease(vertx, dir, "a");
    await(first.start());
    LocalExecutorLease second = new LocalExecutorLease(vertx, dir, "b");

    assertThatThrownBy(() -> await(second.start()))
        .cause()
        .isInstanceOfSatisfying(LeaseFailure.class,
            f -> assertThat(f.code()).isEqualTo(LeaseFailure.Code.LOCKED))
        .hasMessage("state dir " + dir.toAbsolutePath() + " is locked by another drwatch (pid "
            + ProcessHandle.current().pid() + "); one daemon per state dir");
    assertThat(second.current()).isEmpty();
    assertThat(first.current()).isPresent();

    await(first.close());
    await(second.start());
    assertThat(second.current()).contains(new Grant("b", 2));
    await(second.close());
  }

  @Test
  void shouldIncreaseTheEpochAtEveryStartAcrossRestarts() throws Exception {
    for (long expected = 1; expected <= 3; expected++) {
      LocalExecutorLease lease = new LocalExecutorLease(vertx, dir, "a");
      await(lease.start());
      assertThat(lease.current()).map(Grant::epoch).contains(expected);
      await(lease.close());
    }
    assertThat(Files.readString(dir.resolve(EpochFile.NAME)).strip()).isEqualTo("3");
  }

  @Test
  void shouldRefuseAStateDirThatCannotBeWritten() throws Exception {
    Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
    Path under = file.resolve("state");
    LocalExecutorLease lease = new LocalExecutorLease(vertx, under, "a");

    assertThatThrownBy(() -> await(lease.start()))
        .cause()
        .isInstanceOfSatisfying(LeaseFailure.class,
            f -> assertThat(f.code()).isEqualTo(LeaseFailure.Code.UNAVAILABLE))
        .hasMessageStartingWith("state dir " + under.toAbsolutePath()
            + " cannot be created or written: ");
  }

  @Test
  void shouldRefuseADamagedEpochFileRatherThanStartOver() throws Exception {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(EpochFile.NAME), "seven\n");
    LocalExecutorLease lease = new LocalExecutorLease(vertx, dir, "a");

    assertThatThrownBy(() -> await(lease.start()))
        .cause()
        .isInstanceOf(LeaseFailure.class)
        .hasMessageContaining("must hold the last epoch as a number >= 0, was \"seven\"");
    // The failed start let the lock go.
    Files.writeString(dir.resolve(EpochFile.NAME), "7\n");
    await(lease.start());
    assertThat(lease.current()).map(Grant::epoch).contains(8L);
    await(lease.close());
  }

  /** Throws {@link java.util.concurrent.ExecutionException} with the failure as its cause. */
  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
