package io.inventory.events.stack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates topics and returns only once every partition has a leader that answers a {@code
 * ListOffsets} request: producing to a topic right after {@code createTopics()} lost records
 * (KAFKA-15591), so "created" is not "ready".
 */
final class KafkaTopics implements AutoCloseable {
  private final String bootstrapServers;
  private final Admin admin;

  KafkaTopics(String bootstrapServers) {
    this(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
  }

  /** An admin client with {@code clientProperties} (bootstrap servers, security settings). */
  KafkaTopics(Map<String, Object> clientProperties) {
    this.bootstrapServers =
        String.valueOf(clientProperties.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG));
    Map<String, Object> config = new HashMap<>(clientProperties);
    config.put(AdminClientConfig.CLIENT_ID_CONFIG, "inventory-stack-admin");
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
    this.admin = Admin.create(config);
  }

  /** Creates ACL bindings and waits for the controller to accept them. */
  void createAcls(List<AclBinding> acls, Deadline deadline) {
    try {
      admin
          .createAcls(acls)
          .all()
          .get(Math.max(1, deadline.remaining().toMillis()), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new StackStartException(
          "Could not create the app user's ACLs on "
              + bootstrapServers
              + ": "
              + (e instanceof ExecutionException ? e.getCause() : e),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackStartException("Interrupted while creating ACLs", e);
    }
  }

  /** Polls until a client sees at least one broker; {@code what} names the cluster in the error. */
  void awaitBroker(Deadline deadline, String what) {
    awaitBrokers(deadline, what, 1);
  }

  /** Polls until a client sees at least {@code count} brokers. */
  void awaitBrokers(Deadline deadline, String what, int count) {
    Exception last = null;
    while (!deadline.expired()) {
      try {
        long millis = Math.max(1, Math.min(5000, deadline.remaining().toMillis()));
        int brokers =
            admin
                .describeCluster(new DescribeClusterOptions().timeoutMs((int) millis))
                .nodes()
                .get(millis, TimeUnit.MILLISECONDS)
                .size();
        if (brokers >= count) return;
      } catch (ExecutionException | TimeoutException e) {
        last = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StackStartException(
            "Interrupted while waiting for " + what + " on " + bootstrapServers, e);
      }
      deadline.pause();
    }
    throw new StackStartException(
        what
            + " on "
            + bootstrapServers
            + " was not ready within "
            + Deadline.seconds(deadline.timeout())
            + (last == null ? "" : ": " + last),
        last);
  }

  /**
   * Asks for a consumer group's coordinator, which makes the cluster create its consumer-offsets
   * topic now, and waits until the coordinator answers. A cluster whose brokers will be stopped
   * needs this early: the topic cannot be created with three replicas while a broker is down.
   */
  void awaitGroupCoordinator(Deadline deadline, String what) {
    long millis = Math.max(1, deadline.remaining().toMillis());
    try {
      admin
          .listConsumerGroupOffsets(
              "inventory-stack-warm-up",
              new ListConsumerGroupOffsetsOptions().timeoutMs((int) Math.min(millis, 600_000)))
          .partitionsToOffsetAndMetadata()
          .get(millis, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new StackStartException(
          what
              + " on "
              + bootstrapServers
              + " had no group coordinator within "
              + Deadline.seconds(deadline.timeout())
              + ": "
              + (e instanceof ExecutionException ? e.getCause() : e),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackStartException("Interrupted while waiting for the group coordinator", e);
    }
  }

  /**
   * Creates the topic unless it exists with the same partition count, then waits for its leaders.
   */
  void create(String topic, int partitions, Deadline deadline) {
    try {
      admin
          .createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty())))
          .all()
          .get(deadline.remaining().toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new TopicNotReadyException(
            "Could not create topic \""
                + topic
                + "\" with "
                + partitions
                + " partitions on "
                + bootstrapServers
                + ": "
                + e.getCause(),
            e.getCause());
      }
    } catch (TimeoutException e) {
      throw new TopicNotReadyException(
          "Creating topic \""
              + topic
              + "\" on "
              + bootstrapServers
              + " did not finish within "
              + Deadline.seconds(deadline.timeout()),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TopicNotReadyException("Interrupted while creating topic \"" + topic + "\"", e);
    }
    awaitLeaders(topic, partitions, deadline);
  }

  private void awaitLeaders(String topic, int partitions, Deadline deadline) {
    String problem = "no metadata yet";
    while (true) {
      try {
        long millis = Math.max(1, Math.min(5000, deadline.remaining().toMillis()));
        TopicDescription description =
            admin
                .describeTopics(List.of(topic))
                .allTopicNames()
                .get(millis, TimeUnit.MILLISECONDS)
                .get(topic);
        if (description.partitions().size() != partitions && description.partitions().size() > 0) {
          throw new TopicNotReadyException(
              "Topic \""
                  + topic
                  + "\" already exists on "
                  + bootstrapServers
                  + " with "
                  + description.partitions().size()
                  + " partitions, not "
                  + partitions
                  + ". Delete it or ask for "
                  + description.partitions().size()
                  + ".");
        }
        List<Integer> leaderless = new ArrayList<>();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (TopicPartitionInfo info : description.partitions()) {
          if (info.leader() == null || info.leader().isEmpty()) leaderless.add(info.partition());
          latest.put(new TopicPartition(topic, info.partition()), OffsetSpec.latest());
        }
        if (leaderless.isEmpty() && latest.size() == partitions) {
          // every partition leader must answer, not only be named in the metadata
          admin.listOffsets(latest).all().get(millis, TimeUnit.MILLISECONDS);
          return;
        }
        problem = "partitions without a leader: " + leaderless;
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof RetriableException)) {
          throw new TopicNotReadyException(
              "Topic \""
                  + topic
                  + "\" on "
                  + bootstrapServers
                  + " failed while waiting for its leaders: "
                  + e.getCause(),
              e.getCause());
        }
        problem = String.valueOf(e.getCause());
      } catch (TimeoutException e) {
        problem = "request timed out";
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TopicNotReadyException(
            "Interrupted while waiting for the leaders of \"" + topic + "\"", e);
      }
      if (deadline.expired()) {
        throw new TopicNotReadyException(
            "Topic \""
                + topic
                + "\" on "
                + bootstrapServers
                + " was not ready within "
                + Deadline.seconds(deadline.timeout())
                + " ("
                + problem
                + "); producing to it now could lose records"
                + " (KAFKA-15591).");
      }
      deadline.pause();
    }
  }

  static Duration defaultTimeout() {
    return Duration.ofSeconds(30);
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
  }
}
