package io.inventory.events.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.BrokerServer;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.server.Server;
import kafka.server.SharedServer;
import kafka.server.StandardFaultHandlerFactory;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.raft.QuorumConfig;
import org.apache.kafka.server.ServerSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * One broker of the {@link EmbeddedCluster}, on a fixed port and data directory, that can be
 * stopped in two ways and started again. It is assembled from Kafka's server parts the way {@code
 * KafkaRaftServer} (and Kafka's {@code KafkaClusterTestKit}) do, because stopping it the clean way
 * needs the {@link BrokerServer} itself.
 *
 * <ul>
 *   <li>{@link #stop}: a controlled shutdown, as Kafka does by default: the controller moves the
 *       broker's leaderships and takes it out of every ISR first.
 *   <li>{@link #halt}: the broker runs with {@code controlled.shutdown.enable=false}, so its
 *       shutdown says nothing to the controller, which is how Kafka's own tests stand in for a
 *       crash: heartbeats stop, connections drop, and the controller fences the broker only when
 *       its session times out. Its logs are still closed, so the clean-shutdown marker is deleted
 *       afterwards and the restart recovers them, as after a crash.
 * </ul>
 */
final class ClusterBroker {
  /**
   * The file a broker writes into each log directory when it closed its logs cleanly (Kafka's
   * {@code CleanShutdownFileHandler}); without it the next start recovers the logs.
   */
  static final String CLEAN_SHUTDOWN_MARKER = ".kafka_cleanshutdown";

  private static final Logger LOG = LoggerFactory.getLogger(ClusterBroker.class);

  private final int id;
  private final int port;
  private final Properties config;
  private final Path dataDir;
  private BrokerServer server;

  ClusterBroker(int id, int port, String quorumVoters, Path dataDir, Map<String, String> extra) {
    this.id = id;
    this.port = port;
    this.config = KafkaServerConfig.clusterBroker(id, port, quorumVoters, dataDir);
    this.config.putAll(extra);
    this.dataDir = dataDir;
  }

  int id() {
    return id;
  }

  int port() {
    return port;
  }

  String address() {
    return LoopbackPorts.HOST + ":" + port;
  }

  Path dataDir() {
    return dataDir;
  }

  synchronized boolean isRunning() {
    return server != null;
  }

  void format(String clusterId) {
    KafkaStorage.format(config, dataDir, clusterId);
  }

  /**
   * Starts the broker on its port and data directory; returns once the controller has registered
   * and unfenced it.
   *
   * @throws StackStartException if it is not unfenced before the deadline or fails to start
   */
  synchronized void start(Deadline deadline) {
    Properties props = new Properties();
    props.putAll(config);
    // the broker waits for the controller to unfence it: bound that wait by the stack's deadline
    props.put(
        "server.max.startup.time.ms", String.valueOf(Math.max(1, deadline.remaining().toMillis())));
    KafkaConfig kafkaConfig = new KafkaConfig(props, false);
    Tuple2<MetaPropertiesEnsemble, ?> dirs =
        KafkaRaftServer.initializeLogDirs(kafkaConfig, LOG, "[Broker " + id + "] ");
    Metrics metrics =
        Server.initializeMetrics(kafkaConfig, Time.SYSTEM, dirs._1().clusterId().get());
    SharedServer shared =
        new SharedServer(
            kafkaConfig,
            dirs._1(),
            Time.SYSTEM,
            metrics,
            CompletableFuture.completedFuture(
                QuorumConfig.parseVoterConnections(kafkaConfig.quorumConfig().voters())),
            QuorumConfig.parseBootstrapServers(kafkaConfig.quorumConfig().bootstrapServers()),
            new StandardFaultHandlerFactory(),
            ServerSocketFactory.INSTANCE);
    BrokerServer broker = new BrokerServer(shared);
    try {
      broker.startup();
    } catch (Exception e) { // Scala code: may throw checked exceptions it does not declare
      // a failed startup has already shut the broker down
      throw new StackStartException(
          "Kafka broker "
              + id
              + " did not start on "
              + address()
              + " (data in "
              + dataDir
              + "): "
              + e,
          e);
    }
    server = broker;
  }

  /**
   * Stops the broker after a controlled shutdown: the controller first moves its leaderships to
   * other brokers and removes it from every ISR.
   *
   * @throws StackException if the controller did not approve the controlled shutdown in time; the
   *     broker is stopped anyway
   */
  synchronized void stop(Duration controlledShutdownTimeout) {
    // what BrokerServer.shutdown() does first when controlled.shutdown.enable is true
    server.replicaManager().beginControlledShutdown();
    server.lifecycleManager().beginControlledShutdown();
    StackException refused = null;
    try {
      server
          .lifecycleManager()
          .controlledShutdownFuture()
          .get(controlledShutdownTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      refused =
          new StackException(
              "The controller did not complete the controlled shutdown of broker "
                  + id
                  + " within "
                  + Deadline.seconds(controlledShutdownTimeout)
                  + "; the broker was stopped without it: "
                  + e,
              e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      refused = new StackException("Interrupted during the controlled shutdown of " + id, e);
    }
    shutDown();
    if (refused != null) throw refused;
  }

  /**
   * Stops the broker as a crash would, as far as one JVM can: no word to the controller, and logs
   * left to be recovered on restart.
   */
  synchronized void halt() {
    shutDown();
    for (String dir : new String[] {"logs", "metadata"}) {
      try {
        Files.deleteIfExists(dataDir.resolve(dir).resolve(CLEAN_SHUTDOWN_MARKER));
      } catch (IOException e) {
        throw new UncheckedIOException("Could not delete the clean-shutdown marker", e);
      }
    }
  }

  private void shutDown() {
    BrokerServer stopping = server;
    server = null;
    stopping.shutdown();
    stopping.awaitShutdown();
  }
}
