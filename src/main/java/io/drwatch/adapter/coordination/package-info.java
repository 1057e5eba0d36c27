/**
 * The executor lease and the journal's cluster mirror: on ZooKeeper through Apache Curator when
 * several observers share one deployment, on a lock file in the state dir for a lone observer.
 */
package io.drwatch.adapter.coordination;
