/**
 * Implementation details of the client: the schema registry client over {@code java.net.http} and
 * the event validator.
 *
 * <p><strong>Not public API.</strong> Types here are public only so that the client's own packages
 * (and the project's own modules) can share them; they may change or disappear in any release
 * without notice. Depend on {@code io.inventory.events.client} and {@code
 * io.inventory.events.client.serde} instead.
 */
package io.inventory.events.client.internal;
