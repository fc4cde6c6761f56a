/**
 * Implementation details of the inventory stack that must be public for the JVM to load them (a
 * Java agent's class). Not public API: anything here may change or disappear in any release.
 */
package io.inventory.events.stack.internal;
