package io.inventory.events.stack;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a stack must undo, closed once in reverse order of starting, by {@link
 * InventoryStack#close()} or by the shutdown hook when the JVM exits first.
 */
final class StackResources {
  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private Thread shutdownHook;
  private boolean closed;

  synchronized <T extends AutoCloseable> T add(T resource) {
    if (closed) {
      // a shutdown hook (Ctrl-C) closed the stack while this part was still starting
      try {
        resource.close();
      } catch (Exception ignored) {
        // already failing below
      }
      throw new StackStartException("The inventory stack was closed while it was starting");
    }
    started.push(resource);
    return resource;
  }

  synchronized boolean isClosed() {
    return closed;
  }

  synchronized void registerShutdownHook() {
    shutdownHook = new Thread(this::close, "inventory-stack-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  synchronized void close() {
    if (closed) return;
    closed = true;
    RuntimeException failure = null;
    while (!started.isEmpty()) {
      try {
        started.pop().close();
      } catch (Exception e) {
        if (failure == null)
          failure = new StackException("Stopping the inventory stack failed: " + e, e);
        else failure.addSuppressed(e);
      }
    }
    if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or about to; it will find everything closed
      }
    }
    if (failure != null) throw failure;
  }
}
