package io.inventory.events.testcontainers;

import io.inventory.events.stack.StackStartException;

/**
 * The testcontainers stack mode was chosen, but Testcontainers found no Docker Engine to run
 * containers on. The message says how Testcontainers looks for one and how to go back to the
 * embedded mode, which needs no Docker.
 */
public final class DockerUnavailableException extends StackStartException {
  private static final long serialVersionUID = 1L;

  public DockerUnavailableException(String message) {
    super(message);
  }
}
