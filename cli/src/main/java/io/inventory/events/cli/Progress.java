package io.inventory.events.cli;

import java.io.PrintWriter;

/**
 * Progress of long work on standard error: at most one line per second ({@code published 2,000 of
 * 10,000}), and nothing at all for work that finishes within the first second.
 */
final class Progress {
  private static final long INTERVAL_NANOS = 1_000_000_000L;

  private final PrintWriter err;
  private final String verb;
  private final long total;
  private final long started = System.nanoTime();
  private long lastReport = started;
  private long count;
  private boolean reported;

  Progress(PrintWriter err, String verb, long total) {
    this.err = err;
    this.verb = verb;
    this.total = total;
  }

  void step() {
    count++;
    long now = System.nanoTime();
    if (now - lastReport >= INTERVAL_NANOS) {
      lastReport = now;
      reported = true;
      err.printf("%s %,d of %,d%n", verb, count, total);
      err.flush();
    }
  }

  /** The closing line, only if a progress line was printed. */
  void done() {
    if (reported) {
      err.printf(
          "%s %,d of %,d in %.1f s%n", verb, count, total, (System.nanoTime() - started) / 1e9);
    }
  }
}
