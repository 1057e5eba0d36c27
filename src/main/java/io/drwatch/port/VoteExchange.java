package io.drwatch.port;

import io.drwatch.domain.detect.ObserverReport;
import io.vertx.core.Future;
import java.util.List;

/**
 * How observers share their suspicions. The static implementation polls peers' HTTP endpoint;
 * a clustered one (ZooKeeper) can replace it without touching the decision loop.
 */
public interface VoteExchange {

  /**
   * The newest reports of every peer that answered. Peers that did not answer are simply absent:
   * their earlier reports age out by freshness, they are never counted as "not suspecting".
   */
  Future<List<ObserverReport>> fetch();

  Future<Void> close();
}
