package io.inventory.events.stack;

import java.util.List;

/**
 * Stops, halts and restarts single brokers of a cluster that a stack runs: what the public {@link
 * BrokerCluster} hands every call to. {@link EmbeddedCluster} implements it in this JVM; a mode
 * whose brokers are containers would stop and kill containers instead.
 */
interface BrokerControl {

  /** The node ids of the brokers, in ascending order. */
  List<Integer> brokerIds();

  boolean isRunning(int brokerId);

  void stopBroker(int brokerId);

  void haltBroker(int brokerId);

  void restartBroker(int brokerId);
}
