/**
 * Test support that ships with the client, as Kafka ships {@code MockProducer}: {@link
 * io.inventory.events.client.testing.SampleEvents}. Combine it with {@code MockProducer} (through
 * {@code InventoryEventPublisher.Builder.kafkaProducer}) or {@code MockConsumer} (through {@code
 * InventoryEventConsumer.Builder.kafkaConsumer}) to test handlers without a broker.
 */
package io.inventory.events.client.testing;
