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
  private final StackSecurity security;
  private boolean closed;

  private EmbeddedKafka(
      KafkaRaftServer server,
      int brokerPort,
      int controllerPort,
      Path dataDir,
      StackSecurity security) {
    this.server = server;
    this.brokerPort = brokerPort;
    this.controllerPort = controllerPort;
    this.dataDir = dataDir;
    this.security = security;
  }

  @Override
  public String bootstrapServers() {
    return LoopbackPorts.HOST + ":" + brokerPort;
  }

  @Override
  public Map<String, Object> clientProperties() {
    return security == null
        ? KafkaBackend.super.clientProperties()
        : security.kafkaClient(bootstrapServers(), false);
  }

  @Override
  public Map<String, Object> adminProperties() {
    return security == null
        ? KafkaBackend.super.adminProperties()
        : security.kafkaClient(bootstrapServers(), true);
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
    return start(runDir, deadline, null, Map.of());
  }

  /**
   * As {@link #start(Path, Deadline)}, with {@code extra} added to the node's settings; with {@code
   * security}, the node listens for SASL_SSL only, its SCRAM users are created when its storage is
   * formatted, and the app user's ACLs once it is ready.
   */
  static EmbeddedKafka start(
      Path runDir, Deadline deadline, StackSecurity security, Map<String, String> extra) {
    return LoopbackPorts.retryWhilePortTaken(
        attempt -> {
          List<Integer> ports = LoopbackPorts.pick(2);
          return startOn(
              ports.get(0),
              ports.get(1),
              runDir.resolve("kafka-" + attempt),
              deadline,
              security,
              extra);
        });
  }

  private static EmbeddedKafka startOn(
      int brokerPort,
      int controllerPort,
      Path dataDir,
      Deadline deadline,
      StackSecurity security,
      Map<String, String> extra) {
    Properties config =
        security == null
            ? KafkaServerConfig.combined(brokerPort, controllerPort, dataDir)
            : KafkaServerConfig.securedCombined(brokerPort, controllerPort, dataDir, security);
    config.putAll(extra);
    try {
      KafkaStorage.format(
          config,
          dataDir,
          Uuid.randomUuid().toString(),
          security == null ? List.of() : security.scramFormatArguments());
    } catch (RuntimeException e) {
      WorkDirectory.delete(dataDir);
      throw e;
    }
    KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(config), Time.SYSTEM);
    EmbeddedKafka kafka = new EmbeddedKafka(server, brokerPort, controllerPort, dataDir, security);
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
    try (KafkaTopics topics = new KafkaTopics(adminProperties())) {
      topics.awaitBroker(deadline, "Kafka " + StackVersions.KAFKA + " (data in " + dataDir + ")");
      if (security != null) topics.createAcls(StackSecurity.appUserAcls(), deadline);
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
