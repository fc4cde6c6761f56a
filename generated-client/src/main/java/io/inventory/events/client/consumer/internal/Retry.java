package io.inventory.events.client.consumer.internal;

import io.inventory.events.client.consumer.BackOff;

/**
 * The failing record at the head of one partition: its back-off state, and whether the handler has
 * been given up on and only the dead-letter write is left to retry.
 */
final class Retry {
  final long offset;
  final BackOff.Execution execution;
  int deliveries;
  long resumeAtNanos;
  boolean paused;
  Exception deadLetterCause;
  BackOff.Execution deadLetterExecution;

  Retry(long offset, BackOff.Execution execution) {
    this.offset = offset;
    this.execution = execution;
  }

  boolean awaitingDeadLetter() {
    return deadLetterCause != null;
  }
}
