package io.inventory.events.conformance.fuzz;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Runs one fuzz target's inputs, each on a worker thread with a deadline, and counts them by
 * outcome: what it returned or which documented exception it threw. Anything else, an undocumented
 * exception, an {@link Error} such as {@link OutOfMemoryError}, or an input that outlives its
 * deadline, fails the input with the input described.
 */
final class FuzzRun implements AutoCloseable {
  /** Far above what any input needs (microseconds to milliseconds): only a hang reaches it. */
  static final Duration PER_INPUT_DEADLINE = Duration.ofSeconds(5);

  private final String target;
  private final Predicate<Throwable> documented;
  private final ExecutorService worker;
  private final Map<String, AtomicLong> outcomes = new TreeMap<>();
  private final AtomicLong inputs = new AtomicLong();

  /**
   * @param target what is fuzzed, for the summary line
   * @param documented the exceptions the target documents for bad input
   */
  FuzzRun(String target, Predicate<Throwable> documented) {
    this.target = target;
    this.documented = documented;
    this.worker =
        Executors.newSingleThreadExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "fuzz-" + target);
              thread.setDaemon(true); // a hung input must not keep the JVM alive
              return thread;
            });
  }

  /**
   * Feeds one input to {@code call} and records its outcome.
   *
   * @throws AssertionError if it hangs, throws an undocumented exception or an error
   */
  void feed(Object input, Callable<Object> call) {
    inputs.incrementAndGet();
    Future<Object> result = worker.submit(call);
    try {
      Object value = result.get(PER_INPUT_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
      count(value == null ? "null" : "returned " + value.getClass().getSimpleName());
    } catch (ExecutionException e) {
      Throwable thrown = e.getCause();
      if (thrown instanceof Exception && documented.test(thrown)) {
        count("threw " + thrown.getClass().getSimpleName());
        return;
      }
      throw new AssertionError(
          target + " threw an undocumented " + thrown + " for " + describe(input), thrown);
    } catch (TimeoutException e) {
      result.cancel(true);
      throw new AssertionError(
          target
              + " did not finish within "
              + PER_INPUT_DEADLINE.toSeconds()
              + " s for "
              + describe(input));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted", e);
    }
  }

  private synchronized void count(String outcome) {
    outcomes.computeIfAbsent(outcome, o -> new AtomicLong()).incrementAndGet();
  }

  String target() {
    return target;
  }

  long inputs() {
    return inputs.get();
  }

  /** One line for the test output: the input count and each outcome's count. */
  synchronized String summary() {
    return "[fuzz] " + target + ": " + inputs.get() + " inputs; " + outcomes;
  }

  private static String describe(Object input) {
    if (input instanceof byte[] bytes) {
      StringBuilder hex = new StringBuilder(bytes.length + " bytes: ");
      for (int i = 0; i < Math.min(bytes.length, 200); i++) {
        hex.append(String.format("%02x", bytes[i]));
      }
      return hex.toString();
    }
    String text = String.valueOf(input);
    return text.length() <= 2_000 ? text : text.substring(0, 2_000) + "...";
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }
}
