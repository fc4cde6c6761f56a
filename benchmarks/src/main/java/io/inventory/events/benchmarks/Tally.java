package io.inventory.events.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * What one consumer saw, counted on its poll thread: the clock, the poll thread's allocated bytes
 * and the registry counters start after the warm-up records and stop at the last expected one; in
 * latency runs each record sent after {@link #measureLatencyFrom} adds its send-to-handle time.
 */
final class Tally {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  final Histogram latencyMicros = new Histogram(60_000_000L, 3);
  private final long warmup;
  private volatile long expected;
  private final CountDownLatch done = new CountDownLatch(1);
  private final CountingRegistryProxy proxy;
  private volatile long measureLatencyFrom = Long.MAX_VALUE;

  private volatile long seen;
  private long startNanos;
  private long endNanos;
  private long startAllocated;
  private long endAllocated;
  private long startRequests;
  private long endRequests;

  Tally(long warmup, long expected, CountingRegistryProxy proxy) {
    this.warmup = warmup;
    this.expected = expected;
    this.proxy = proxy;
  }

  /** Called by the poll thread for each record handled; {@code sentMicros} or -1. */
  void handled(long sentMicros) {
    long count = seen + 1;
    seen = count;
    if (sentMicros >= measureLatencyFrom) {
      latencyMicros.recordValue(Math.max(0, Workload.nowMicros() - sentMicros));
    }
    if (count == warmup) {
      startNanos = System.nanoTime();
      startAllocated = allocatedByThisThread();
      startRequests = requests();
    }
    if (count == expected) {
      endNanos = System.nanoTime();
      endAllocated = allocatedByThisThread();
      endRequests = requests();
      done.countDown();
    }
  }

  long seen() {
    return seen;
  }

  void measureLatencyFrom(long sentMicros) {
    measureLatencyFrom = sentMicros;
  }

  void expect(long total) {
    expected = total;
    if (seen >= total) {
      done.countDown();
    }
  }

  boolean await(long seconds) throws InterruptedException {
    return done.await(seconds, TimeUnit.SECONDS);
  }

  boolean isDone() {
    return done.getCount() == 0;
  }

  Result result(double meanValueBytes) {
    long events = expected - warmup;
    double seconds = (endNanos - startNanos) / 1e9;
    return new Result(
        events,
        seconds,
        events / seconds,
        events * meanValueBytes / 1e6 / seconds,
        (double) (endAllocated - startAllocated) / events,
        endRequests - startRequests);
  }

  private long requests() {
    return proxy.confluentApiRequests() + proxy.nativeApiRequests();
  }

  static long allocatedByThisThread() {
    return THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
  }

  /** One side's throughput figures. */
  record Result(
      long events,
      double seconds,
      double eventsPerSecond,
      double megabytesPerSecond,
      double bytesAllocatedPerEvent,
      long registryRequests) {}
}
