package io.inventory.events.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A stack with a controller and three brokers")
class BrokerClusterTest {
  private static InventoryStack stack;
  private static BrokerCluster cluster;
  private static Admin admin;

  @BeforeAll
  static void startCluster() {
    stack =
        InventoryStack.builder()
            .embedded()
            .brokers(3)
            .workDir(Path.of("target", "inventory-stack-cluster"))
            .start();
    cluster = stack.cluster();
    admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()));
  }

  @AfterAll
  static void stopCluster() {
    if (admin != null) admin.close(Duration.ofSeconds(5));
    if (stack != null) stack.close();
  }

  /** A test that failed half-way must not leave the next one with a broker down. */
  @AfterEach
  void restartStoppedBrokers() {
    cluster.brokerIds().stream()
        .filter(id -> !cluster.isRunning(id))
        .forEach(cluster::restartBroker);
  }

  @Test
  @DisplayName(
      "runs brokers 1, 2 and 3 and creates topics with three in-sync replicas and"
          + " min.insync.replicas=2")
  void topicsAreReplicatedThreeTimes() throws Exception {
    String topic = stack.createTopic(3);

    assertThat(cluster.brokerIds()).containsExactly(1, 2, 3);
    assertThat(stack.bootstrapServers())
        .matches("127\\.0\\.0\\.1:\\d+,127\\.0\\.0\\.1:\\d+,127\\.0\\.0\\.1:\\d+");
    assertThat(brokers().keySet()).containsExactlyInAnyOrder(1, 2, 3);
    assertThat(stack.boundPorts()).hasSize(6).doesNotHaveDuplicates();
    assertThat(partitions(topic))
        .hasSize(3)
        .allSatisfy(
            p -> {
              assertThat(p.replicas()).extracting(Node::id).containsExactlyInAnyOrder(1, 2, 3);
              assertThat(p.isr()).hasSize(3);
              assertThat(p.leader()).isNotNull();
            });
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    Config config =
        admin.describeConfigs(List.of(resource)).all().get(10, TimeUnit.SECONDS).get(resource);
    assertThat(config.get("min.insync.replicas").value()).isEqualTo("2");
  }

  @Test
  @DisplayName(
      "keeps an acknowledged record when its partition leader is halted, moves the partition, and"
          + " takes the restarted broker back into the ISR")
  void recordSurvivesHaltedLeader() throws Exception {
    String topic = stack.createTopic(1);
    TopicRecords.send(stack, topic, "SKU-1", "before the halt");
    int leader = partitions(topic).get(0).leader().id();
    int port = brokers().get(leader).port();

    cluster.haltBroker(leader);

    assertThat(cluster.isRunning(leader)).isFalse();
    assertThat(LoopbackPorts.isFree(port)).as("port %d of halted broker %d", port, leader).isTrue();
    assertThat(logDir(leader).resolve(ClusterBroker.CLEAN_SHUTDOWN_MARKER))
        .as("logs left to be recovered, as after a crash")
        .doesNotExist();
    TopicRecords.send(stack, topic, "SKU-1", "while it is down");
    assertThat(partitions(topic).get(0).leader().id()).isNotEqualTo(leader);
    assertThat(TopicRecords.read(stack, topic, 2))
        .extracting(ConsumerRecord::value)
        .containsExactly("before the halt", "while it is down");

    cluster.restartBroker(leader);

    assertThat(cluster.isRunning(leader)).isTrue();
    awaitIsr(topic, isr -> isr.contains(leader) && isr.size() == 3);
  }

  @Test
  @DisplayName(
      "hands a cleanly stopped broker's partitions over before it stops, and restarts it once")
  void cleanlyStoppedBrokerHandsOver() throws Exception {
    String topic = stack.createTopic(1);
    TopicRecords.send(stack, topic, "SKU-2", "before the stop");
    int leader = partitions(topic).get(0).leader().id();

    cluster.stopBroker(leader);

    assertThat(logDir(leader).resolve(ClusterBroker.CLEAN_SHUTDOWN_MARKER)).exists();
    awaitIsr(topic, isr -> !isr.contains(leader) && isr.size() == 2);
    assertThatThrownBy(() -> cluster.haltBroker(leader))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "Broker " + leader + " is not running: restart it with restartBroker(" + leader + ")");
    TopicRecords.send(stack, topic, "SKU-2", "while it is stopped");

    cluster.restartBroker(leader);

    awaitIsr(topic, isr -> isr.size() == 3);
    assertThat(TopicRecords.read(stack, topic, 2))
        .extracting(ConsumerRecord::value)
        .containsExactly("before the stop", "while it is stopped");
    assertThatThrownBy(() -> cluster.restartBroker(leader))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Broker " + leader + " is running: stop or halt it before restarting it");
  }

  @Test
  @DisplayName("names the brokers it has when asked for another, and accepts only 1 or 3 brokers")
  void rejectsUnknownBrokersAndCounts() {
    assertThatThrownBy(() -> cluster.stopBroker(7))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("No broker 7 in this cluster; its brokers are [1, 2, 3]");
    assertThatThrownBy(() -> InventoryStack.builder().brokers(2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "brokers must be 1 (one combined node) or 3 (a controller and three brokers): 2");
  }

  private static Map<Integer, Node> brokers() throws Exception {
    return admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).stream()
        .collect(Collectors.toMap(Node::id, node -> node));
  }

  private static List<TopicPartitionInfo> partitions(String topic) throws Exception {
    return admin
        .describeTopics(Set.of(topic))
        .allTopicNames()
        .get(10, TimeUnit.SECONDS)
        .get(topic)
        .partitions();
  }

  private static Path logDir(int brokerId) {
    return ((EmbeddedCluster) cluster.control()).dataDir(brokerId).resolve("logs");
  }

  /** Polls partition 0's ISR (broker ids) until it satisfies the condition, for up to 30 s. */
  private static void awaitIsr(String topic, Predicate<Set<Integer>> condition) throws Exception {
    Deadline deadline = Deadline.after(Duration.ofSeconds(30));
    Set<Integer> isr = Set.of();
    while (!deadline.expired()) {
      isr = partitions(topic).get(0).isr().stream().map(Node::id).collect(Collectors.toSet());
      if (condition.test(isr)) return;
      deadline.pause();
    }
    throw new AssertionError("ISR of " + topic + " is still " + isr + " after 30 s");
  }
}
