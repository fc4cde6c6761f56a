/**
 * The poll loop behind {@link io.inventory.events.client.InventoryEventConsumer}. Not public API:
 * these types are public only so that the consumer can reach them across packages, and may change
 * in any release without notice.
 */
package io.inventory.events.client.consumer.internal;
