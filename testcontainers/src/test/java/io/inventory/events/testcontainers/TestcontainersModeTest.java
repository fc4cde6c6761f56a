package io.inventory.events.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;

import io.inventory.events.client.testing.SampleEvents;
import io.inventory.events.registry.CompatibilityLevel;
import io.inventory.events.registry.RegistrySettings;
import io.inventory.events.registry.SchemaRegistryClient;
import io.inventory.events.stack.InventoryStack;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;

@Testcontainers(disabledWithoutDocker = true)
@DisplayName("InventoryStack in testcontainers mode (builder)")
class TestcontainersModeTest {

  @Test
  @DisplayName("serves the contract like the embedded stack, and close() removes both containers")
  void stackWorksInContainersAndCloseStopsThem() throws Exception {
    InventoryStack stack =
        InventoryStack.builder().mode("testcontainers").compatibility("FULL_TRANSITIVE").start();
    String bootstrap;
    URI registryUrl;
    try {
      bootstrap = stack.bootstrapServers();
      registryUrl = URI.create(stack.schemaRegistryUrl());
      assertThat(stack.mode()).isEqualTo("testcontainers");
      assertThat(stack.isEmbedded()).isFalse();
      assertThat(
              new SchemaRegistryClient(RegistrySettings.builder(stack.schemaRegistryUrl()).build())
                  .globalCompatibility())
          .isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);
      assertThat(stack.createTopic(3)).startsWith("stack-test-");
      ConsumerRecord<String, Object> record =
          KafkaRoundTrip.publishAndReadBack(
              bootstrap, stack.schemaRegistryUrl(), SampleEvents.lowStockAlert());
      assertThat(record.value()).isEqualTo(SampleEvents.lowStockAlert());
    } finally {
      stack.close();
    }

    String[] kafka = bootstrap.split(":");
    assertThat(refusesConnections(kafka[0], Integer.parseInt(kafka[1])))
        .as("Kafka's published port after close()")
        .isTrue();
    assertThat(refusesConnections(registryUrl.getHost(), registryUrl.getPort()))
        .as("the registry's published port after close()")
        .isTrue();
  }

  /** True once a connection to the port is refused, polled for up to 10 s. */
  private static boolean refusesConnections(String host, int port) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(10);
    while (Instant.now().isBefore(deadline)) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(host, port), 1000);
      } catch (IOException refused) {
        return true;
      }
      Thread.sleep(100);
    }
    return false;
  }
}
