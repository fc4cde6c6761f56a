package io.inventory.events.stack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * One Apache Kafka node in KRaft mode (combined broker and controller) inside this JVM, listening
 * on free 127.0.0.1 ports, tuned so a single node behaves: every internal topic with replication
 * factor 1, no initial rebalance delay, a 2 MiB log-cleaner buffer instead of the 128 MiB default.
 */
final class EmbeddedKafka implements KafkaBackend {
  private static final int BIND_ATTEMPTS = 3;

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
    StackStartException last = null;
    for (int attempt = 1; attempt <= BIND_ATTEMPTS; attempt++) {
      List<Integer> ports = LoopbackPorts.pick(2);
      Path dataDir = runDir.resolve("kafka-" + attempt);
      try {
        return startOn(ports.get(0), ports.get(1), dataDir, deadline);
      } catch (StackStartException e) {
        WorkDirectory.delete(dataDir);
        if (!LoopbackPorts.isBindFailure(e)) throw e;
        last = e;
      }
    }
    throw last;
  }

  private static EmbeddedKafka startOn(
      int brokerPort, int controllerPort, Path dataDir, Deadline deadline) {
    Properties config = config(brokerPort, controllerPort, dataDir);
    format(config, dataDir);
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

  private static Properties config(int brokerPort, int controllerPort, Path dataDir) {
    String host = LoopbackPorts.HOST;
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@" + host + ":" + controllerPort);
    p.put(
        "listeners",
        "PLAINTEXT://" + host + ":" + brokerPort + ",CONTROLLER://" + host + ":" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + brokerPort);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", dataDir.resolve("logs").toString());
    p.put("metadata.log.dir", dataDir.resolve("metadata").toString());
    // a single node: every internal topic must be satisfiable with one replica
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("default.replication.factor", "1");
    p.put("min.insync.replicas", "1");
    p.put("num.partitions", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    // the cleaner's default 128 MiB dedupe buffer would triple the broker's heap
    p.put("log.cleaner.dedupe.buffer.size", "2097152");
    p.put("num.network.threads", "2");
    p.put("num.io.threads", "2");
    p.put("num.recovery.threads.per.data.dir", "1");
    return p;
  }

  private static void format(Properties config, Path dataDir) {
    Path configFile = dataDir.resolve("server.properties");
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int exitCode;
    try {
      Files.createDirectories(dataDir);
      try (OutputStream out = Files.newOutputStream(configFile)) {
        config.store(out, "Embedded Kafka node of the inventory stack");
      }
      try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
        exitCode =
            StorageTool.execute(
                new String[] {
                  "format",
                  "--cluster-id",
                  Uuid.randomUuid().toString(),
                  "--config",
                  configFile.toString()
                },
                print);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write " + configFile, e);
    } catch (RuntimeException e) {
      throw new StackStartException(
          "Formatting Kafka storage in "
              + dataDir
              + " failed: "
              + e
              + "\n"
              + output.toString(StandardCharsets.UTF_8),
          e);
    }
    if (exitCode != 0) {
      throw new StackStartException(
          "Formatting Kafka storage in "
              + dataDir
              + " exited with "
              + exitCode
              + ":\n"
              + output.toString(StandardCharsets.UTF_8));
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
