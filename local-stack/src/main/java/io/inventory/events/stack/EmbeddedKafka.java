package io.inventory.events.stack;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * One Apache Kafka node in KRaft mode (combined broker and controller) inside this JVM, listening
 * on free 127.0.0.1 ports, tuned so a single node behaves: every internal topic with replication
 * factor 1, no initial rebalance delay, a 2 MiB log-cleaner buffer instead of the 128 MiB default.
 */
final class EmbeddedKafka implements KafkaBackend {
  private final KafkaRaftServer server;
  private final int brokerPort;
  private final int controllerPort;
  private final Path dataDir;
  private boolean closed;

  private EmbeddedKafka(KafkaRaftServer server, int brokerPort, int controllerPort, Path dataDir) {
    this.server = server;
    this.brokerPort = brokerPort;
    this.controllerPort = controllerPort;
    this.dataDir = dataDir;
  }

  @Override
  public String bootstrapServers() {
    return LoopbackPorts.HOST + ":" + brokerPort;
  }

  @Override
  public List<Integer> ports() {
    return List.of(brokerPort, controllerPort);
  }

  /**
   * Formats storage under {@code runDir} and starts the node; retries on fresh ports if one was
   * taken meanwhile.
   */
  static EmbeddedKafka start(Path runDir, Deadline deadline) {
    return start(runDir, deadline, Map.of());
  }

  /** As {@link #start(Path, Deadline)}, with {@code extra} added to the node's settings. */
  static EmbeddedKafka start(Path runDir, Deadline deadline, Map<String, String> extra) {
    return LoopbackPorts.retryWhilePortTaken(
        attempt -> {
          List<Integer> ports = LoopbackPorts.pick(2);
          return startOn(
              ports.get(0), ports.get(1), runDir.resolve("kafka-" + attempt), deadline, extra);
        });
  }

  private static EmbeddedKafka startOn(
      int brokerPort,
      int controllerPort,
      Path dataDir,
      Deadline deadline,
      Map<String, String> extra) {
    Properties config = KafkaServerConfig.combined(brokerPort, controllerPort, dataDir);
    config.putAll(extra);
    try {
      KafkaStorage.format(config, dataDir, Uuid.randomUuid().toString());
    } catch (RuntimeException e) {
      WorkDirectory.delete(dataDir);
      throw e;
    }
    KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(config), Time.SYSTEM);
    EmbeddedKafka kafka = new EmbeddedKafka(server, brokerPort, controllerPort, dataDir);
    try {
      server.startup();
      kafka.awaitReady(deadline);
      return kafka;
    } catch (RuntimeException e) {
      kafka.close();
      if (e instanceof StackStartException) throw e;
      throw new StackStartException(
          "Kafka "
              + StackVersions.KAFKA
              + " did not start on "
              + kafka.bootstrapServers()
              + " (data in "
              + dataDir
              + "): "
              + e,
          e);
    }
  }

  private void awaitReady(Deadline deadline) {
    try (KafkaTopics topics = new KafkaTopics(bootstrapServers())) {
      topics.awaitBroker(deadline, "Kafka " + StackVersions.KAFKA + " (data in " + dataDir + ")");
    }
  }

  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    try {
      server.shutdown();
      server.awaitShutdown();
    } finally {
      WorkDirectory.delete(dataDir);
    }
  }
}
