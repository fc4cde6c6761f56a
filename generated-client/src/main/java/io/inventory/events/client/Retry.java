package io.inventory.events.client;

/**
 * The failing record at the head of one partition: how often it was delivered, when its partition
 * resumes, and, once the handler has been given up on, the failure still to be dead-lettered and
 * how often writing it has failed.
 */
final class Retry {
  final long offset;
  int deliveries;
  long resumeAtNanos;
  boolean paused;
  Exception deadLetterCause;
  int failedDeadLetterWrites;
  int registryWaits;

  Retry(long offset) {
    this.offset = offset;
  }

  boolean awaitingDeadLetter() {
    return deadLetterCause != null;
  }
}
