/**
 * End-to-end tests of issue 10, "Failover safety": three observer daemons (the packaged jar, each as
 * its own Unix user {@code drw-obs1..3}), one real PostgreSQL primary + streaming standby, a
 * three-server ZooKeeper ensemble in the test JVM, and a counting webhook sink.
 *
 * <p>Needs root (useradd, setpriv, nftables), {@code nft} (scripts/install-deps.sh), PostgreSQL 15
 * and {@code target/drwatch.jar}. Run:
 *
 * <pre>
 * mvn -o -q -B -DskipTests package
 * mvn -o -B failsafe:integration-test failsafe:verify \
 *     -Dit.test='HarnessSelfCheckIT,PartitionIT,SingleExecutorIT,ExecutorKilledMidRunIT,RestartAfterFailoverIT'
 * </pre>
 *
 * <p>{@code -Ddrwatch.e2e.coordination=false} drops the {@code coordination} section from the
 * observers' configs, to run the scenarios against a daemon that does not know it yet.
 * {@link io.drwatch.e2e.HarnessSelfCheckIT} always runs without it: it proves the harness itself.
 */
package io.drwatch.e2e;
