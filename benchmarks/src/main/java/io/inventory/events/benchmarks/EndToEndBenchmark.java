package io.inventory.events.benchmarks;

import io.inventory.events.client.serde.InventoryEventSerializer;
import io.inventory.events.stack.InventoryStack;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.HdrHistogram.Histogram;

/**
 * Our publisher and consumer beside the peer (KafkaProducer/KafkaConsumer with Apicurio's serde)
 * and the floor (bytes serialized beforehand; a poll loop that does not decode), on the embedded
 * broker of one {@link InventoryStack}, in one run. Three parts:
 *
 * <ol>
 *   <li>producers: each side sends a warm-up, then {@code --events} events as fast as it can to a
 *       topic of its own, then flushes; events/s, MB/s of values, bytes allocated per event by the
 *       sending thread, registry requests during the measured part;
 *   <li>consumers: each side reads the topic our publisher wrote in a group of its own; the clock
 *       starts after the warm-up records; the same figures for the poll thread;
 *   <li>latency: each side's producer sends at {@code --rate} events/s for {@code
 *       --latency-seconds} after a warm-up, to its consumer; send-to-handled time in microseconds
 *       (HdrHistogram), p50/p99/p99.9/max.
 * </ol>
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.inventory.events.benchmarks.EndToEndBenchmark
 * [--events 1000000] [--partitions 6] [--rate 5000] [--latency-seconds 10]}.
 */
public final class EndToEndBenchmark {
  private static final String TRUSTED_PACKAGES = "org.apache.avro.SERIALIZABLE_PACKAGES";
  private static final String[] SIDES = {"floor", "peer", "ours"};

  private final long events;
  private final int partitions;
  private final int rate;
  private final int latencySeconds;

  private InventoryStack stack;
  private CountingRegistryProxy proxy;
  private String ccompatUrl;
  private InventoryEventSerializer registering;
  private Workload workload;

  private EndToEndBenchmark(Map<String, String> options) {
    this.events = Long.parseLong(options.getOrDefault("events", "1000000"));
    this.partitions = Integer.parseInt(options.getOrDefault("partitions", "6"));
    this.rate = Integer.parseInt(options.getOrDefault("rate", "5000"));
    this.latencySeconds = Integer.parseInt(options.getOrDefault("latency-seconds", "10"));
  }

  public static void main(String[] args) throws Exception {
    // The peer's serde loads generated classes through Avro's global trust list (ours needs none);
    // it is read once, when Avro's class loading starts, so it is set before anything else.
    if (System.getProperty(TRUSTED_PACKAGES) == null) {
      System.setProperty(TRUSTED_PACKAGES, SerdeBenchmark.GENERATED_PACKAGE);
    }
    try {
      new EndToEndBenchmark(options(args)).run();
    } catch (Exception | Error e) {
      e.printStackTrace();
      System.exit(1);
    }
    System.exit(0); // the peer's shared Vert.x instance is never closed; do not wait for it
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 == args.length) {
        throw new IllegalArgumentException(
            "Usage: EndToEndBenchmark [--events N] [--partitions N] [--rate events/s]"
                + " [--latency-seconds N]; got "
                + String.join(" ", args));
      }
      options.put(args[i].substring(2), args[++i]);
    }
    return options;
  }

  private void run() throws Exception {
    long started = System.nanoTime();
    try (InventoryStack running = InventoryStack.start();
        CountingRegistryProxy counting =
            CountingRegistryProxy.inFrontOf(running.schemaRegistryUrl())) {
      stack = running;
      proxy = counting;
      ccompatUrl = proxy.confluentApiUrl(stack.schemaRegistryUrl());
      registering = new InventoryEventSerializer();
      registering.configure(Producers.registering(ccompatUrl), false);
      String floorTopic = stack.createTopic(partitions);
      workload = new Workload(registering, floorTopic);
      System.out.printf(
          Locale.ROOT,
          "%nEnd to end: %,d events of STOCK_LEVEL_CHANGED (mean value %.1f bytes), %d partitions,"
              + " producers %s, %s, %d cores%n",
          events,
          workload.meanValueBytes,
          partitions,
          Producers.tuning(),
          System.getProperty("java.vm.version"),
          Runtime.getRuntime().availableProcessors());

      Map<String, Tally.Result> produced = new LinkedHashMap<>();
      Map<String, String> topics = new LinkedHashMap<>();
      for (String side : SIDES) {
        String topic = side.equals("floor") ? floorTopic : newTopic();
        topics.put(side, topic);
        produced.put(side, produce(side, topic));
      }
      print("Producers", "sending thread", produced);

      Map<String, Tally.Result> consumed = new LinkedHashMap<>();
      for (String side : SIDES) {
        consumed.put(side, consume(side, topics.get("ours")));
      }
      print("Consumers (all read the topic our publisher wrote)", "poll thread", consumed);

      Map<String, Histogram> latencies = new LinkedHashMap<>();
      for (String side : SIDES) {
        latencies.put(side, latency(side));
      }
      printLatency(latencies);
      registering.close();
    }
    System.out.printf(Locale.ROOT, "%nTotal time %.0f s%n", (System.nanoTime() - started) / 1e9);
  }

  private String newTopic() {
    String topic = stack.createTopic(partitions);
    registering.serialize(topic, workload.event(0)); // registers the subject, as a deploy would
    return topic;
  }

  private Producers.Side producer(String side, String topic) {
    return switch (side) {
      case "ours" -> Producers.ours(workload, stack.bootstrapServers(), ccompatUrl, topic);
      case "peer" ->
          Producers.peer(workload, stack.bootstrapServers(), proxy.nativeApiUrl(), topic);
      default -> Producers.floor(workload, stack.bootstrapServers(), topic);
    };
  }

  private Consumers.Running consumer(String side, String topic, Tally tally) {
    String group = "bench-" + side + "-" + topic;
    return switch (side) {
      case "ours" -> Consumers.ours(stack.bootstrapServers(), ccompatUrl, topic, group, tally);
      case "peer" ->
          Consumers.peer(stack.bootstrapServers(), proxy.nativeApiUrl(), topic, group, tally);
      default -> Consumers.floor(stack.bootstrapServers(), topic, group, tally);
    };
  }

  private long warmup() {
    return Math.max(1, Math.min(events / 10, 100_000));
  }

  private Tally.Result produce(String side, String topic) {
    try (Producers.Side producer = producer(side, topic)) {
      long warmup = warmup();
      for (long i = 0; i < warmup; i++) {
        producer.send(i, false);
      }
      producer.flush();
      long requests = requests();
      long allocated = Tally.allocatedByThisThread();
      long start = System.nanoTime();
      for (long i = warmup; i < warmup + events; i++) {
        producer.send(i, false);
      }
      producer.flush();
      double seconds = (System.nanoTime() - start) / 1e9;
      return new Tally.Result(
          events,
          seconds,
          events / seconds,
          events * workload.meanValueBytes / 1e6 / seconds,
          (double) (Tally.allocatedByThisThread() - allocated) / events,
          requests() - requests);
    }
  }

  private Tally.Result consume(String side, String topic) throws InterruptedException {
    long total = warmup() + events;
    Tally tally = new Tally(warmup(), total, proxy);
    try (Consumers.Running ignored = consumer(side, topic, tally)) {
      if (!tally.await(600)) {
        throw new IllegalStateException(
            side + " consumer saw " + tally.seen() + " of " + total + " records in 600 s");
      }
    }
    return tally.result(workload.meanValueBytes);
  }

  /** Paced sends to a fresh topic: warm-up until the consumer receives, then the measured part. */
  private Histogram latency(String side) throws InterruptedException {
    String topic = newTopic();
    Tally tally = new Tally(Long.MAX_VALUE, Long.MAX_VALUE, proxy);
    long sent = 0;
    try (Consumers.Running ignored = consumer(side, topic, tally);
        Producers.Side producer = producer(side, topic)) {
      Pacer pacer = new Pacer(rate);
      long firstSeenNanos = 0;
      while (firstSeenNanos == 0 || System.nanoTime() - firstSeenNanos < 3_000_000_000L) {
        pacer.await();
        producer.send(sent++, true);
        if (firstSeenNanos == 0 && tally.seen() > 0) {
          firstSeenNanos = System.nanoTime();
        }
      }
      tally.measureLatencyFrom(Workload.nowMicros());
      long measured = (long) rate * latencySeconds;
      for (long i = 0; i < measured; i++) {
        pacer.await();
        producer.send(sent++, true);
      }
      producer.flush();
      tally.expect(sent);
      if (!tally.await(60)) {
        throw new IllegalStateException(
            side + " consumer saw " + tally.seen() + " of " + sent + " records in 60 s");
      }
    }
    return tally.latencyMicros;
  }

  private long requests() {
    return proxy.confluentApiRequests() + proxy.nativeApiRequests();
  }

  private static void print(String title, String thread, Map<String, Tally.Result> results) {
    System.out.printf(Locale.ROOT, "%n%s%n", title);
    System.out.printf(
        Locale.ROOT,
        "%-6s %12s %10s %8s %10s %18s %10s%n",
        "side",
        "events",
        "events/s",
        "MB/s",
        "seconds",
        "B/event (" + thread.split(" ")[0] + ")",
        "registry");
    results.forEach(
        (side, r) ->
            System.out.printf(
                Locale.ROOT,
                "%-6s %,12d %,10.0f %8.1f %10.2f %18.0f %10d%n",
                side,
                r.events(),
                r.eventsPerSecond(),
                r.megabytesPerSecond(),
                r.seconds(),
                r.bytesAllocatedPerEvent(),
                r.registryRequests()));
    double ours = results.get("ours").eventsPerSecond();
    System.out.printf(
        Locale.ROOT,
        "ratios: ours/peer %.2f, ours/floor %.2f, peer/floor %.2f%n",
        ours / results.get("peer").eventsPerSecond(),
        ours / results.get("floor").eventsPerSecond(),
        results.get("peer").eventsPerSecond() / results.get("floor").eventsPerSecond());
  }

  private void printLatency(Map<String, Histogram> latencies) {
    System.out.printf(
        Locale.ROOT,
        "%nLatency, send to handled, at %,d events/s for %d s (ms)%n",
        rate,
        latencySeconds);
    System.out.printf(
        Locale.ROOT, "%-6s %9s %8s %8s %8s %8s%n", "side", "samples", "p50", "p99", "p99.9", "max");
    Function<Double, String> ms = micros -> String.format(Locale.ROOT, "%.2f", micros / 1000);
    latencies.forEach(
        (side, h) ->
            System.out.printf(
                Locale.ROOT,
                "%-6s %,9d %8s %8s %8s %8s%n",
                side,
                h.getTotalCount(),
                ms.apply((double) h.getValueAtPercentile(50)),
                ms.apply((double) h.getValueAtPercentile(99)),
                ms.apply((double) h.getValueAtPercentile(99.9)),
                ms.apply((double) h.getMaxValue())));
  }

  /** Fixed-rate schedule: the i-th send is due at start + i/rate, never sooner. */
  private static final class Pacer {
    private final long periodNanos;
    private long next = System.nanoTime();

    Pacer(int rate) {
      this.periodNanos = 1_000_000_000L / rate;
    }

    void await() {
      next += periodNanos;
      long wait;
      while ((wait = next - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
    }
  }
}
