package io.inventory.events.conformance.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.inventory.events.avro.StockLevelChanged;
import io.inventory.events.client.ConsumerMetrics;
import io.inventory.events.client.InventoryEventConsumer;
import io.inventory.events.client.testing.SampleEvents;
import io.inventory.events.stack.InventoryStack;
import io.inventory.events.stack.InventoryStackExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A newer producer's event type, which this build has no class for, is skipped: never
 * dead-lettered.
 */
@ExtendWith(InventoryStackExtension.class)
class UnknownEventTypeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Schema STOCK_TRANSFERRED =
      new Schema.Parser()
          .parse(
              """
              {"type": "record", "name": "StockTransferred", "namespace": "io.inventory.events.avro",
               "fields": [
                 {"name": "eventId", "type": {"type": "string", "logicalType": "uuid"}},
                 {"name": "eventType", "type": "string", "default": "STOCK_TRANSFERRED"},
                 {"name": "payload", "type": {"type": "record", "name": "StockTransferredPayload", "fields": [
                   {"name": "productId", "type": "string"},
                   {"name": "fromLocationId", "type": "string"},
                   {"name": "toLocationId", "type": "string"}]}}]}
              """);

  @Test
  void eventTypeWithoutAClassIsCountedAndSkippedByTheDefaultHandlerNotDeadLettered(
      InventoryStack stack) throws Exception {
    try (TopicUnderTest channel = new TopicUnderTest(stack, 1)) {
      int schemaId =
          register(stack, channel.topic + "-" + STOCK_TRANSFERRED.getFullName(), STOCK_TRANSFERRED);
      channel.send("PROD-U", SampleEvents.numbered("PROD-U", 1));
      for (int i = 0; i < 3; i++) {
        channel.sendBytes("PROD-U", frame(schemaId, stockTransferred("PROD-U")));
      }
      channel.send("PROD-U", SampleEvents.numbered("PROD-U", 2));

      Queue<Integer> processed = new ConcurrentLinkedQueue<>();
      try (InventoryEventConsumer consumer =
          channel
              .consumer()
              .on(
                  StockLevelChanged.class,
                  (event, context) -> processed.add(TopicUnderTest.sequence(event)))
              .build()
              .start()) {
        channel.awaitFullyCommitted();
        assertThat(consumer.metrics()).isEqualTo(new ConsumerMetrics(2, 0, 0, 3, 0));
      }

      assertThat(processed).containsExactly(1, 2);
      assertThat(channel.deadLetterCount()).isZero();
    }
  }

  private static GenericRecord stockTransferred(String productId) {
    GenericRecord payload = new GenericData.Record(STOCK_TRANSFERRED.getField("payload").schema());
    payload.put("productId", productId);
    payload.put("fromLocationId", "WH-1");
    payload.put("toLocationId", "WH-2");
    GenericRecord event = new GenericData.Record(STOCK_TRANSFERRED);
    event.put("eventId", UUID.randomUUID().toString());
    event.put("eventType", "STOCK_TRANSFERRED");
    event.put("payload", payload);
    return event;
  }

  /** The Confluent frame: magic byte 0, the schema id, the Avro binary body. */
  private static byte[] frame(int schemaId, GenericRecord event) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0);
    out.write(ByteBuffer.allocate(4).putInt(schemaId).array());
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(event.getSchema()).write(event, encoder);
    encoder.flush();
    return out.toByteArray();
  }

  /** Registers {@code schema} under {@code subject} through the Confluent API; returns its id. */
  private static int register(InventoryStack stack, String subject, Schema schema)
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(stack.schemaRegistryUrl() + "/subjects/" + subject + "/versions"))
            .header("Content-Type", "application/vnd.schemaregistry.v1+json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    JSON.writeValueAsString(Map.of("schema", schema.toString()))))
            .build();
    HttpResponse<String> response =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body()).get("id").asInt();
  }
}
