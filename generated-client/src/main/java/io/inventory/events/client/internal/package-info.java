/**
 * Implementation details of the client: the schema registry client over {@code java.net.http}, the
 * event validator, and the data model of the generated classes.
 *
 * <p><strong>Not public API.</strong> Types here are public only because the client's other
 * packages, or the generated classes in {@code io.inventory.events.avro}, use them; they may change
 * or disappear in any release without notice. Depend on {@code io.inventory.events.client} and
 * {@code io.inventory.events.client.serde} instead.
 */
package io.inventory.events.client.internal;
