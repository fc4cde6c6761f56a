package io.inventory.events.stack;

import java.nio.file.Path;
import java.util.Properties;

/**
 * The {@code server.properties} of the stack's Kafka nodes: one combined broker and controller for
 * the one-node stack, or a dedicated controller and brokers for the cluster. Every node is kept
 * small: two network and two I/O threads, and a 2 MiB log-cleaner buffer instead of the 128 MiB
 * default, which would dominate the heap.
 */
final class KafkaServerConfig {
  static final String BROKER_LISTENER = "PLAINTEXT";
  static final String CONTROLLER_LISTENER = "CONTROLLER";
  static final String SECURED_LISTENER = "SASL_SSL";

  /**
   * How soon the controller fences a broker that stopped heartbeating (Kafka's default: 9 s), so
   * that a halted broker's partitions move within seconds.
   */
  static final int CLUSTER_SESSION_TIMEOUT_MS = 3000;

  private KafkaServerConfig() {}

  /** The one-node stack: node 1 is broker and controller, every topic with one replica. */
  static Properties combined(int brokerPort, int controllerPort, Path dataDir) {
    Properties p = node(1, "broker,controller", voters(1, controllerPort), dataDir);
    p.put(
        "listeners",
        listener(BROKER_LISTENER, brokerPort)
            + ","
            + listener(CONTROLLER_LISTENER, controllerPort));
    p.put("advertised.listeners", listener(BROKER_LISTENER, brokerPort));
    p.put("inter.broker.listener.name", BROKER_LISTENER);
    topicDefaults(p, 1);
    replication(p, 1, 1);
    return p;
  }

  /**
   * The secured one-node stack: clients and the broker itself on a SASL_SSL listener
   * (SCRAM-SHA-512, the stack's certificate), the controller on PLAINTEXT bound to loopback, the
   * standard authorizer on. Otherwise as {@link #combined}.
   */
  static Properties securedCombined(
      int brokerPort, int controllerPort, Path dataDir, StackSecurity security) {
    Properties p = combined(brokerPort, controllerPort, dataDir);
    p.put(
        "listeners",
        listener(SECURED_LISTENER, brokerPort)
            + ","
            + listener(CONTROLLER_LISTENER, controllerPort));
    p.put("advertised.listeners", listener(SECURED_LISTENER, brokerPort));
    p.put("inter.broker.listener.name", SECURED_LISTENER);
    p.put("listener.security.protocol.map", "SASL_SSL:SASL_SSL,CONTROLLER:PLAINTEXT");
    security.configureBroker(p, SECURED_LISTENER);
    return p;
  }

  /**
   * The cluster's controller. It also holds the topic defaults: in KRaft the controller applies
   * {@code default.replication.factor} to every topic created without one.
   */
  static Properties clusterController(int nodeId, int port, Path dataDir) {
    Properties p = node(nodeId, "controller", voters(nodeId, port), dataDir);
    p.put("listeners", listener(CONTROLLER_LISTENER, port));
    heartbeats(p);
    topicDefaults(p, 3);
    replication(p, 3, 2);
    return p;
  }

  /**
   * A broker of the cluster. It runs with {@code controlled.shutdown.enable=false}: its plain
   * shutdown then tells the controller nothing, as a crash would, and a clean stop asks for the
   * controlled shutdown itself ({@link ClusterBroker#stop}).
   */
  static Properties clusterBroker(int nodeId, int port, String quorumVoters, Path dataDir) {
    Properties p = node(nodeId, "broker", quorumVoters, dataDir);
    p.put("listeners", listener(BROKER_LISTENER, port));
    p.put("advertised.listeners", listener(BROKER_LISTENER, port));
    p.put("inter.broker.listener.name", BROKER_LISTENER);
    heartbeats(p);
    p.put("controlled.shutdown.enable", "false");
    replication(p, 3, 2);
    return p;
  }

  /** {@code controller.quorum.voters} for a single controller. */
  static String voters(int controllerId, int controllerPort) {
    return controllerId + "@" + LoopbackPorts.HOST + ":" + controllerPort;
  }

  private static Properties node(int nodeId, String roles, String quorumVoters, Path dataDir) {
    Properties p = new Properties();
    p.put("process.roles", roles);
    p.put("node.id", String.valueOf(nodeId));
    p.put("controller.quorum.voters", quorumVoters);
    p.put("controller.listener.names", CONTROLLER_LISTENER);
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", dataDir.resolve("logs").toString());
    p.put("metadata.log.dir", dataDir.resolve("metadata").toString());
    p.put("group.initial.rebalance.delay.ms", "0");
    // the cleaner's default 128 MiB dedupe buffer would triple the broker's heap
    p.put("log.cleaner.dedupe.buffer.size", "2097152");
    p.put("num.network.threads", "2");
    p.put("num.io.threads", "2");
    p.put("num.recovery.threads.per.data.dir", "1");
    return p;
  }

  /**
   * Defaults for topics created without partition count or replication factor; Kafka 4 reads them
   * on the controller only.
   */
  private static void topicDefaults(Properties p, int replicationFactor) {
    p.put("num.partitions", "1");
    p.put("default.replication.factor", String.valueOf(replicationFactor));
  }

  /** Internal topics with this many replicas, and this minimum ISR for every topic. */
  private static void replication(Properties p, int factor, int minInsyncReplicas) {
    String rf = String.valueOf(factor);
    String minIsr = String.valueOf(minInsyncReplicas);
    p.put("min.insync.replicas", minIsr);
    p.put("offsets.topic.replication.factor", rf);
    p.put("offsets.topic.num.partitions", "1");
    p.put("transaction.state.log.replication.factor", rf);
    p.put("transaction.state.log.min.isr", minIsr);
    p.put("transaction.state.log.num.partitions", "1");
    p.put("share.coordinator.state.topic.replication.factor", rf);
    p.put("share.coordinator.state.topic.min.isr", minIsr);
  }

  /**
   * Brokers heartbeat every 500 ms and are fenced after {@link #CLUSTER_SESSION_TIMEOUT_MS}; both
   * nodes check that the interval is at most half the timeout.
   */
  private static void heartbeats(Properties p) {
    p.put("broker.heartbeat.interval.ms", "500");
    p.put("broker.session.timeout.ms", String.valueOf(CLUSTER_SESSION_TIMEOUT_MS));
    // four nodes in one JVM would register the same MBean names (and race doing so); a test
    // cluster needs no JMX
    p.put("metrics.jmx.exclude", ".*");
  }

  private static String listener(String name, int port) {
    return name + "://" + LoopbackPorts.HOST + ":" + port;
  }
}
