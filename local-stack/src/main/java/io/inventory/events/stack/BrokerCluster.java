package io.inventory.events.stack;

import java.util.List;

/**
 * The brokers of a stack started with {@link InventoryStack.Builder#brokers(int) brokers(3)}, for
 * fault tests: one dedicated KRaft controller and three brokers with node ids 1, 2 and 3, every
 * topic (internal ones included) created with replication factor 3 and {@code
 * min.insync.replicas=2}. A broker can be stopped cleanly, halted as a crash would, and restarted
 * on the same port and data directory; the controller is never stopped. Obtain it with {@link
 * InventoryStack#cluster()}. Thread-safe: operations run one at a time.
 *
 * <pre>{@code
 * BrokerCluster cluster = stack.cluster();
 * int leader = admin.describeTopics(List.of(topic)).allTopicNames().get()
 *     .get(topic).partitions().get(0).leader().id();
 * cluster.haltBroker(leader);    // like kill -9: the controller is not told
 * // ... keep producing and consuming: the partition moves after about 3 s
 * cluster.restartBroker(leader); // same id, port and data; it rejoins the ISR once caught up
 * }</pre>
 */
public final class BrokerCluster {
  private final BrokerControl control;

  BrokerCluster(BrokerControl control) {
    this.control = control;
  }

  /** The brokers' node ids, {@code [1, 2, 3]}: the ids clients see as partition leaders. */
  public List<Integer> brokerIds() {
    return control.brokerIds();
  }

  /**
   * True unless the broker was stopped or halted and not restarted since.
   *
   * @throws IllegalArgumentException if no broker has this id
   */
  public boolean isRunning(int brokerId) {
    return control.isRunning(brokerId);
  }

  /**
   * Stops the broker cleanly: a controlled shutdown first moves its leaderships to other brokers
   * and takes it out of every ISR, so clients barely notice. Returns once it has stopped.
   *
   * @throws IllegalArgumentException if no broker has this id
   * @throws IllegalStateException if it is not running, or the cluster is closed
   * @throws StackException if the controller did not approve the controlled shutdown within 30 s
   *     (the broker is stopped anyway)
   */
  public void stopBroker(int brokerId) {
    control.stopBroker(brokerId);
  }

  /**
   * Halts the broker as {@code kill -9} would, as far as one JVM can: it stops heartbeating and
   * drops every connection without telling the controller, which fences it and moves its partitions
   * only when its session times out (3 s here, Kafka's default is 9 s); until then requests to it
   * fail. Its logs are left marked unclean, so a restart recovers them. Returns once it has
   * stopped.
   *
   * @throws IllegalArgumentException if no broker has this id
   * @throws IllegalStateException if it is not running, or the cluster is closed
   */
  public void haltBroker(int brokerId) {
    control.haltBroker(brokerId);
  }

  /**
   * Starts a stopped or halted broker again with its node id, port and data directory, and returns
   * once the controller has unfenced it. It may still be catching up: it rejoins a partition's ISR
   * when it has copied what it missed, so poll the ISR if the test depends on it. Restarted within
   * 3 s of a clean stop, it first waits for the controller to expire its previous session, as a
   * real broker would.
   *
   * @throws IllegalArgumentException if no broker has this id
   * @throws IllegalStateException if it is running, or the cluster is closed
   * @throws StackStartException if it is not unfenced within the stack's startup timeout
   */
  public void restartBroker(int brokerId) {
    control.restartBroker(brokerId);
  }

  BrokerControl control() {
    return control;
  }

  @Override
  public String toString() {
    return "BrokerCluster" + control;
  }
}
