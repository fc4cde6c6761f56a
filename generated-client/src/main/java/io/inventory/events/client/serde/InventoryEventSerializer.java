package io.inventory.events.client.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inventory.events.client.internal.EventValidator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serializes generated event classes in the Confluent wire format: byte {@code 0}, the schema's
 * 4-byte big-endian registry id, then the Avro binary encoding. The bytes equal those of
 * Confluent's {@code KafkaAvroSerializer} and Apicurio's {@code AvroKafkaSerializer} for the same
 * schema id.
 *
 * <p>The subject follows {@code TopicRecordNameStrategy}: {@code <topic>-<full.record.Name>}, for
 * example {@code inventory.dev.events-io.inventory.events.avro.StockLevelChanged}. The schema is
 * registered without Avro's Java-only {@code avro.java.string} properties, exactly as in {@code
 * schemas/} (Confluent's {@code avro.remove.java.properties=true}). By default the schema must
 * already be registered and only its id is looked up; set {@code auto.register.schemas=true} (dev,
 * tests) to register it. After the first record of each event type and topic, serializing makes no
 * registry call. A decimal with fewer decimals than its schema's scale is written at that scale by
 * Avro's {@code DecimalConversion} ({@code BigDecimal("95")} reads back as {@code 95.000}); one
 * that would need rounding is refused with the field named. Configure with {@link EventSerdeConfig}
 * keys; {@code null} (a tombstone) serializes to {@code null}. Thread-safe.
 */
public final class InventoryEventSerializer implements Serializer<SpecificRecord> {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final int MAX_RETAINED_BUFFER = 1 << 20;

  private final Map<String, Map<Class<?>, Writer>> writersByTopic = new ConcurrentHashMap<>();
  private final ThreadLocal<FrameBuffer> buffers = ThreadLocal.withInitial(FrameBuffer::new);
  private io.inventory.events.registry.SchemaRegistryClient registry;
  private boolean autoRegister;

  /** A serializer to be configured with {@link #configure}, as Kafka does for a class name. */
  public InventoryEventSerializer() {}

  /**
   * @throws org.apache.kafka.common.config.ConfigException if {@code schema.registry.url} is
   *     missing or any {@link EventSerdeConfig} key is invalid
   */
  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    EventSerdeConfig config = new EventSerdeConfig(configs);
    this.registry = SharedRegistries.forSettings(config.registrySettings());
    this.autoRegister = config.autoRegisterSchemas();
  }

  /**
   * @throws io.inventory.events.registry.SchemaRegistryException on the first record of a type when
   *     the registry refuses (for example the schema is not registered and {@code
   *     auto.register.schemas} is false) or cannot be reached
   * @throws SerializationException when the record does not fit its schema, listing the fields
   */
  @Override
  public byte[] serialize(String topic, SpecificRecord event) {
    if (event == null) {
      return null;
    }
    if (registry == null) {
      throw new IllegalStateException(
          "InventoryEventSerializer is not configured: call"
              + " configure() with schema.registry.url, or let the producer do it.");
    }
    Writer writer =
        writersByTopic
            .computeIfAbsent(topic, t -> new ConcurrentHashMap<>())
            .computeIfAbsent(event.getClass(), type -> writer(topic, event));
    try {
      return buffers.get().frame(writer, event);
    } catch (RuntimeException e) {
      throw failure(topic, event, e);
    }
  }

  /** Idempotent; the registry client and its cache are shared by the process and stay. */
  @Override
  public void close() {}

  private Writer writer(String topic, SpecificRecord event) {
    Schema schema = event.getSchema();
    String subject = topic + "-" + schema.getFullName();
    String text = registeredText(schema);
    int id = autoRegister ? registry.register(subject, text) : registry.lookUp(subject, text);
    return new Writer(
        id, new SpecificDatumWriter<>(schema, SpecificData.getForClass(event.getClass())));
  }

  private static SerializationException failure(String topic, SpecificRecord event, Exception e) {
    List<String> violations = EventValidator.violations(event);
    String why =
        violations.isEmpty() ? String.valueOf(e.getMessage()) : String.join("; ", violations);
    return new SerializationException(
        "Cannot serialize " + event.getSchema().getName() + " for topic " + topic + ": " + why, e);
  }

  /** The schema as it is registered: the .avsc's JSON, without Avro's Java-only properties. */
  static String registeredText(Schema schema) {
    try {
      JsonNode tree = JSON.readTree(schema.toString());
      removeJavaProperties(tree);
      return JSON.writeValueAsString(tree);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void removeJavaProperties(JsonNode node) {
    if (node instanceof ObjectNode) {
      ((ObjectNode) node).remove("avro.java.string");
    }
    node.forEach(InventoryEventSerializer::removeJavaProperties);
  }

  private static final class Writer {
    final int schemaId;
    final DatumWriter<Object> datumWriter;

    Writer(int schemaId, DatumWriter<Object> datumWriter) {
      this.schemaId = schemaId;
      this.datumWriter = datumWriter;
    }
  }

  /**
   * One per thread: the frame is built in place, then copied out once. A plain growable array
   * rather than a {@code ByteArrayOutputStream}, whose every write takes a lock this single-thread
   * buffer does not need (seven per event with the header bytes, the body and the copy).
   */
  private static final class FrameBuffer extends OutputStream {
    private static final int INITIAL = 512;

    private byte[] buf = new byte[INITIAL];
    private int count;
    private BinaryEncoder encoder;

    byte[] frame(Writer writer, Object event) {
      int id = writer.schemaId;
      buf[0] = 0;
      buf[1] = (byte) (id >>> 24);
      buf[2] = (byte) (id >>> 16);
      buf[3] = (byte) (id >>> 8);
      buf[4] = (byte) id;
      count = 5;
      // Buffered, not direct: a direct encoder hands each field to this stream on its own; the
      // buffered one hands over the whole body in one write on flush. Its sink is always this
      // buffer, so it is created once and not reconfigured (which allocates) per event.
      if (encoder == null) {
        encoder = EncoderFactory.get().binaryEncoder(this, null);
      }
      try {
        writer.datumWriter.write(event, encoder);
        encoder.flush();
      } catch (IOException e) {
        encoder = null;
        throw new UncheckedIOException(e);
      } catch (RuntimeException e) {
        encoder = null; // it may hold part of the failed event, which must not reach the next frame
        throw e;
      }
      byte[] frame = Arrays.copyOf(buf, count);
      if (buf.length > MAX_RETAINED_BUFFER) {
        buf = new byte[INITIAL];
      }
      return frame;
    }

    @Override
    public void write(int b) {
      ensure(1);
      buf[count++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      ensure(length);
      System.arraycopy(bytes, offset, buf, count, length);
      count += length;
    }

    private void ensure(int more) {
      if (count + more > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + more));
      }
    }
  }
}
