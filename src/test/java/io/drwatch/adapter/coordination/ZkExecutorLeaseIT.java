package io.drwatch.adapter.coordination;

import static io.drwatch.adapter.coordination.LocalExecutorLeaseTest.await;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drwatch.port.ExecutorLease;
import io.drwatch.port.ExecutorLease.Grant;
import io.drwatch.port.LeaseFailure;
import io.drwatch.testkit.Await;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The lease on a real three-server ensemble: one holder, rising epochs, loss and takeover. */
class ZkExecutorLeaseIT {
  private static final Duration TAKEOVER = ZkEnsemble.SESSION.plusSeconds(5);
  private static final AtomicInteger PATHS = new AtomicInteger();
  private static ZkEnsemble zk;

  private Vertx vertx;
  private String path;
  private final List<ZkExecutorLease> leases = new ArrayList<>();
  private final Map<ZkExecutorLease, List<Optional<Grant>>> heard = new ConcurrentHashMap<>();

  @BeforeAll
  static void startEnsemble() throws Exception {
    zk = new ZkEnsemble();
  }

  @AfterAll
  static void stopEnsemble() throws Exception {
    zk.close();
  }

  @BeforeEach
  void setUp() {
    vertx = TestVertx.create();
    path = "/drwatch/lease-" + PATHS.incrementAndGet();
  }

  @AfterEach
  void tearDown() throws Exception {
    for (ZkExecutorLease lease : leases) {
      await(lease.close());
    }
    await(vertx.close());
  }

  @Test
  void shouldGrantExactlyOneOfThreeAndHandOverWithHigherEpochs() throws Exception {
    startLeases("a", "b", "c");

    ZkExecutorLease first = awaitSoleHolder(Duration.ofSeconds(10), 0);
    long firstEpoch = first.current().orElseThrow().epoch();
    Await.until(Duration.ofSeconds(5), "every observer names the holder",
        () -> leases.stream().allMatch(l -> l.holder().equals(name(first))));

    await(first.close());
    assertThat(first.current()).isEmpty();
    Await.until(Duration.ofSeconds(1), "empty heard", () -> lastHeard(first).isEmpty());

    ZkExecutorLease second = awaitSoleHolder(TAKEOVER, firstEpoch);
    long secondEpoch = second.current().orElseThrow().epoch();
    await(second.close());

    ZkExecutorLease third = awaitSoleHolder(TAKEOVER, secondEpoch);
    assertThat(List.of(first, second, third)).doesNotHaveDuplicates();
    assertThat(third.current().orElseThrow().holder()).isEqualTo(name(third));
    Await.until(Duration.ofSeconds(1), "grant heard",
        () -> lastHeard(third).equals(third.current()));
  }

  @Test
  void shouldDropAtOnceOnSessionExpiryAndLetAnotherTakeOverThenRejoin() throws Exception {
    startLeases("a", "b", "c");
    ZkExecutorLease holder = awaitSoleHolder(Duration.ofSeconds(10), 0);
    long oldEpoch = holder.current().orElseThrow().epoch();
    ZkRunMirror oldMirror = ZkRunMirror.sharing(holder);
    await(oldMirror.append(oldEpoch, "run-started under " + oldEpoch));

    holder.session().client.getZookeeperClient().getZooKeeper().getTestable()
        .injectSessionExpiration();

    Await.until(Duration.ofSeconds(1), "the holder hears empty",
        () -> holder.current().isEmpty() && lastHeard(holder).isEmpty());
    ZkExecutorLease next = awaitSoleHolder(TAKEOVER, oldEpoch);
    assertThat(next).isNotSameAs(holder);
    long newEpoch = next.current().orElseThrow().epoch();

    // The former holder's late write is refused, once its client is back, and writes nothing.
    Await.until(TAKEOVER, "the former holder reconnects",
        () -> holder.session().client.getZookeeperClient().isConnected());
    assertThatThrownBy(() -> await(oldMirror.append(oldEpoch, "late step under " + oldEpoch)))
        .cause()
        .isInstanceOfSatisfying(LeaseFailure.class,
            f -> assertThat(f.code()).isEqualTo(LeaseFailure.Code.FENCED))
        .hasMessageContaining("a newer epoch was granted since");
    await(ZkRunMirror.sharing(next).append(newEpoch, "resumed under " + newEpoch));
    assertThat(await(oldMirror.readAll()))
        .containsExactly("run-started under " + oldEpoch, "resumed under " + newEpoch);

    // Rejoined the election: once the others leave, it is elected again under a new epoch.
    for (ZkExecutorLease other : leases) {
      if (other != holder) {
        await(other.close());
      }
    }
    Await.until(TAKEOVER, "the former holder is elected again",
        () -> holder.current().map(g -> g.epoch() > newEpoch).orElse(false));
  }

  @Test
  void shouldDropOnQuorumLossAndGrantAHigherEpochWhenItReturns() throws Exception {
    startLeases("a", "b");
    ZkExecutorLease holder = awaitSoleHolder(Duration.ofSeconds(10), 0);
    long oldEpoch = holder.current().orElseThrow().epoch();

    zk.loseQuorum();
    try {
      Await.until(TAKEOVER, "the holder hears empty",
          () -> holder.current().isEmpty() && lastHeard(holder).isEmpty());
      assertThat(leases).allMatch(l -> l.current().isEmpty());
    } finally {
      zk.restoreQuorum();
    }

    awaitSoleHolder(Duration.ofSeconds(20), oldEpoch);
  }

  @Test
  void shouldStartANewLeaseWithANewEpochAfterTheOldOneLostItsSession() throws Exception {
    ZkExecutorLease first = startLeases("a").get(0);
    Await.until(Duration.ofSeconds(10), () -> first.current().isPresent());
    long epoch = first.current().orElseThrow().epoch();
    first.session().client.getZookeeperClient().getZooKeeper().getTestable()
        .injectSessionExpiration();
    // Alone in the election, it may win again at once on its new session: look at what it heard.
    Await.until(Duration.ofSeconds(1), "the lease hears empty",
        () -> heard.get(first).contains(Optional.empty()));
    await(first.close());
    long highest = heard.get(first).stream().flatMap(Optional::stream)
        .mapToLong(Grant::epoch).max().orElseThrow();
    assertThat(highest).isGreaterThanOrEqualTo(epoch);

    ZkExecutorLease restarted = startLeases("a").get(0);
    Await.until(TAKEOVER, "restarted lease granted",
        () -> restarted.current().map(g -> g.epoch() > highest).orElse(false));
  }

  @Test
  void shouldGrantNothingWhileTheEpochZnodeIsDamagedRatherThanStartOver() throws Exception {
    ZkExecutorLease lease = startLeases("a").get(0);
    Await.until(Duration.ofSeconds(10), () -> lease.current().isPresent());
    String epochPath = lease.session().epochPath;
    await(lease.close());
    ZkExecutorLease next = zk.lease(vertx, path, "b");
    leases.add(next);
    await(next.session().start());
    next.session().client.setData().forPath(epochPath, "seven".getBytes(UTF_8));

    await(next.start());
    Await.pause(Duration.ofSeconds(1)); // time itself is the subject: several terms come and go
    assertThat(next.current()).isEmpty();

    next.session().client.setData().forPath(epochPath, "7".getBytes(UTF_8));
    Await.until(Duration.ofSeconds(5), "granted after repair",
        () -> next.current().map(Grant::epoch).equals(Optional.of(8L)));
  }

  private List<ZkExecutorLease> startLeases(String... names) throws Exception {
    List<ZkExecutorLease> started = new ArrayList<>();
    for (String name : names) {
      ZkExecutorLease lease = zk.lease(vertx, path, name);
      List<Optional<Grant>> changes = new CopyOnWriteArrayList<>();
      lease.onChange(changes::add);
      heard.put(lease, changes);
      leases.add(lease);
      await(lease.start());
      started.add(lease);
    }
    return started;
  }

  /** Waits for exactly one open lease to hold, above {@code above}; never two at once. */
  private ZkExecutorLease awaitSoleHolder(Duration timeout, long above) {
    Await.until(timeout, "one holder above epoch " + above, () -> {
      List<ZkExecutorLease> holding = holders();
      assertThat(holding).as("holders at once").hasSizeLessThanOrEqualTo(1);
      return holding.size() == 1 && holding.get(0).current().orElseThrow().epoch() > above;
    });
    return holders().get(0);
  }

  private List<ZkExecutorLease> holders() {
    return leases.stream().filter(l -> l.current().isPresent()).toList();
  }

  private Optional<Grant> lastHeard(ExecutorLease lease) {
    List<Optional<Grant>> changes = heard.get(lease);
    return changes.isEmpty() ? Optional.empty() : changes.get(changes.size() - 1);
  }

  private String name(ZkExecutorLease lease) {
    return lease.current().map(Grant::holder).orElseThrow();
  }
}
