package io.inventory.events.conformance.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.inventory.events.client.InventoryEventPublisher;
import io.inventory.events.stack.InventoryStack;
import io.inventory.events.stack.InventoryStackExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A consumer process killed with SIGKILL five times at random points of a stream, each time
 * replaced by a new process of the same group; a last one finishes the stream.
 */
@ExtendWith(InventoryStackExtension.class)
@DisplayName("A consumer process killed five times mid-stream")
class ConsumerKillTest {
  private static final int KILLS = 5;
  private static final int MAX_POLL_RECORDS = 200;

  @Test
  @DisplayName("loses no event, and processes again at most the batches uncommitted at each kill")
  void killedConsumersLoseNothing(InventoryStack stack) throws Exception {
    int events = FaultProfile.current().consumerKillEvents;
    EventLedger ledger = new EventLedger();
    long seed = System.nanoTime();
    Random random = new Random(seed);
    Path dir = Files.createTempDirectory(Path.of("target"), "killed-consumers-");
    try (FaultChannel channel = new FaultChannel(stack, 6, true)) {
      try (InventoryEventPublisher publisher = channel.publisher().build()) {
        assertThat(FaultChannel.publishAll(publisher, ledger, 0, events)).isEmpty();
      }
      List<Integer> killedAt = new ArrayList<>();
      for (int kill = 1; kill <= KILLS; kill++) {
        // a random point in this kill's share of the stream, so the five spread over all of it
        int target = (kill - 1) * events / (KILLS + 1) + random.nextInt(events / (KILLS + 1)) + 1;
        ProcessedLog log = new ProcessedLog(dir.resolve("consumer-" + kill + ".log"), ledger);
        Process process = start(channel, dir.resolve("consumer-" + kill + ".log"));
        try {
          Deadlines.await(
              "consumer " + kill + " processed " + target + " distinct events",
              FaultProfile.deadlineFor(events),
              () -> log.catchUp() >= target || !process.isAlive(),
              () -> ledger.distinctReceived() + " distinct");
          assertThat(process.isAlive()).as("consumer %d still running", kill).isTrue();
        } finally {
          process.destroyForcibly(); // SIGKILL: no commit, no close
          assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        log.catchUp();
        killedAt.add(ledger.distinctReceived());
      }
      ProcessedLog last = new ProcessedLog(dir.resolve("consumer-last.log"), ledger);
      Process survivor = start(channel, dir.resolve("consumer-last.log"));
      try {
        Deadlines.await(
            "the last consumer committed the end of every partition",
            FaultProfile.deadlineFor(events),
            () -> {
              last.catchUp();
              return channel.committed().equals(channel.endOffsets());
            },
            () -> ledger.figures().toString());
      } finally {
        survivor.destroy();
        survivor.waitFor(30, TimeUnit.SECONDS);
      }
      last.catchUp();

      long bound = (long) KILLS * 2 * MAX_POLL_RECORDS;
      EventLedger.Figures figures =
          ledger.report(
              "consumer process killed 5 times",
              "killed after "
                  + killedAt
                  + " distinct events (seed "
                  + seed
                  + "); duplicate bound "
                  + bound);
      assertThat(figures.sent()).isEqualTo(events);
      assertThat(figures.lost()).as("lost").isZero();
      assertThat(figures.unexpected()).isZero();
      assertThat(figures.duplicated())
          .as("processed again: at most two uncommitted batches per kill")
          .isLessThanOrEqualTo(bound);
    }
  }

  private static Process start(FaultChannel channel, Path log) throws IOException {
    Files.createFile(log);
    String java = ProcessHandle.current().info().command().orElse("java");
    return new ProcessBuilder(
            java,
            "-Xmx128m",
            "-cp",
            System.getProperty("java.class.path"),
            KilledConsumer.class.getName(),
            channel.stack.bootstrapServers(),
            channel.stack.schemaRegistryUrl(),
            channel.topic,
            channel.groupId,
            log.toString(),
            Integer.toString(MAX_POLL_RECORDS))
        .redirectErrorStream(true)
        .redirectOutput(log.resolveSibling(log.getFileName() + ".out").toFile())
        .start();
  }
}
