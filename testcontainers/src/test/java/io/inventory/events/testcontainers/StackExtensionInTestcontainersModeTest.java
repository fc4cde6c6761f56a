package io.inventory.events.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;

import io.inventory.events.client.testing.SampleEvents;
import io.inventory.events.stack.InventoryStack;
import io.inventory.events.stack.InventoryStackExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The unchanged JUnit extension, switched by {@code -Dinventory.stack.mode=testcontainers} (this
 * module's surefire configuration sets it).
 */
@Testcontainers(disabledWithoutDocker = true)
@ExtendWith(InventoryStackExtension.class)
@DisplayName("InventoryStackExtension with -Dinventory.stack.mode=testcontainers")
class StackExtensionInTestcontainersModeTest {

  @Test
  @DisplayName("injects a stack whose servers run in containers, with topics ready to produce to")
  void extensionStartsTheContainers(InventoryStack stack) throws Exception {
    assertThat(System.getProperty(InventoryStack.MODE_PROPERTY)).isEqualTo("testcontainers");
    assertThat(stack.mode()).isEqualTo("testcontainers");

    ConsumerRecord<String, Object> record =
        KafkaRoundTrip.publishAndReadBack(
            stack.bootstrapServers(), stack.schemaRegistryUrl(), SampleEvents.stockLevelChanged());

    assertThat(record.key()).isEqualTo(SampleEvents.PRODUCT_ID);
  }
}
