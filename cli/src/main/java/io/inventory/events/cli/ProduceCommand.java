package io.inventory.events.cli;

import io.inventory.events.client.InventoryEventPublisher;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code produce FILE|- --env ENV}: publishes JSON events through the typed publisher, after
 * checking all of them; one invalid event means nothing is sent.
 */
@Command(
    name = "produce",
    mixinStandardHelpOptions = true,
    description = {
      "Publishes events in the channel's JSON shape (typed publisher).",
      "",
      "Every event is checked first, as 'validate' does; if any is invalid, nothing is sent.",
      "Each event is keyed by its productId, with acks=all and idempotence on."
    },
    footer = {"", InventoryEventsCli.EXIT_CODES})
final class ProduceCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE|-", description = "The events; - reads standard input.")
  String file;

  @Mixin ChannelOptions channel;

  @Option(
      names = "--auto-register",
      description = "Registers each event's schema on first use (dev and tests only).")
  boolean autoRegister;

  @Mixin KafkaOptions kafka;
  @ParentCommand InventoryEventsCli cli;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    EventCheck.Result checked = ValidateCommand.readAndCheck(file, cli, spec, err);
    if (checked == null || !checked.valid()) {
      err.println(
          "Nothing was sent"
              + (checked == null
                  ? "."
                  : ": "
                      + checked.invalidEvents()
                      + " of "
                      + (checked.invalidEvents() + checked.events().size())
                      + " events invalid."));
      return InventoryEventsCli.FAILED;
    }
    try (InventoryEventPublisher publisher = publisher()) {
      int sent = publish(publisher, checked.events(), err);
      spec.commandLine()
          .getOut()
          .println(
              "Published "
                  + sent
                  + " events to "
                  + publisher.topic()
                  + ValidateCommand.countsByType(checked.events())
                  + ".");
    }
    return InventoryEventsCli.OK;
  }

  private InventoryEventPublisher publisher() {
    InventoryEventPublisher.Builder builder =
        InventoryEventPublisher.builder()
            .environment(channel.environment)
            .bootstrapServers(kafka.bootstrapServers(spec))
            .schemaRegistryUrl(kafka.registry(spec))
            // fail within seconds, not a minute, when the cluster is unreachable
            .property(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000)
            .properties(kafka.properties);
    if (channel.topic != null) {
      builder.topic(channel.topic);
    }
    if (autoRegister) {
      builder.property("auto.register.schemas", true);
    }
    return builder.build();
  }

  /** Sends every event, reporting progress on standard error once per second of work. */
  private static int publish(
      InventoryEventPublisher publisher, List<SpecificRecord> events, PrintWriter err) {
    Progress progress = new Progress(err, "publishing", events.size());
    List<CompletableFuture<RecordMetadata>> sent = new ArrayList<>();
    for (SpecificRecord event : events) {
      CompletableFuture<RecordMetadata> one = publisher.publish(event);
      sent.add(one);
      progress.step();
      if (one.isCompletedExceptionally()) {
        break; // the cluster refused at once (unreachable, unauthorised): the rest would too
      }
    }
    publisher.flush();
    try {
      CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
    } catch (CompletionException e) {
      long published = sent.stream().filter(f -> !f.isCompletedExceptionally()).count();
      throw new IllegalStateException(
          "only " + published + " of " + events.size() + " events were published", e.getCause());
    }
    progress.done();
    return sent.size();
  }
}
