/**
 * Test doubles that ship with the client, as Kafka ships {@code MockProducer}: {@link
 * io.inventory.events.client.testing.SampleEvents} (a valid event of each type), {@link
 * io.inventory.events.client.testing.RecordingPublisher} (a real publisher that records instead of
 * sending) and {@link io.inventory.events.client.testing.ConsumerTestDriver} (the real consumer
 * loop fed by hand, with its retries, dead letters and unknown-event path). None needs a broker or
 * a schema registry.
 */
package io.inventory.events.client.testing;
