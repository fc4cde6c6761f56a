package io.inventory.events.client;

import java.util.concurrent.atomic.LongAdder;

/** The live counters behind {@link ConsumerMetrics}; written by the poll thread, read by anyone. */
final class Counters {
  final LongAdder processed = new LongAdder();
  final LongAdder retried = new LongAdder();
  final LongAdder deadLettered = new LongAdder();
  final LongAdder unknown = new LongAdder();
  final LongAdder skipped = new LongAdder();

  ConsumerMetrics snapshot() {
    return new ConsumerMetrics(
        processed.sum(), retried.sum(), deadLettered.sum(), unknown.sum(), skipped.sum());
  }
}
