package io.inventory.events.client.serde;

import io.inventory.events.client.internal.GeneratedModel;
import io.inventory.events.registry.SchemaNotFoundException;
import io.inventory.events.registry.SchemaRegistryClient;
import io.inventory.events.registry.SchemaRegistryException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.FastReaderBuilder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Deserializes Confluent-framed Avro values into this build's generated event classes, or into an
 * {@link UnknownEvent} for an event type this build has no class for.
 *
 * <p>The writer's schema is fetched by the frame's id (once per id per process) and resolved into
 * the generated class of the same full name, whose {@code SCHEMA$} is the reader schema (Avro
 * schema resolution: fields added by a newer producer are skipped, fields it lacks take their
 * defaults). Failures are split by cause: {@link MalformedFrameException} for bytes that are not a
 * readable Confluent frame (wrong magic byte, shorter than 5 bytes, corrupt body), {@link
 * UnknownSchemaException} for an id the registry does not know or a writer schema that does not
 * resolve, {@link SchemaRegistryException} for a registry that cannot be reached (transient).
 * Messages name the topic; a consumer adds partition and offset with {@code withLocation}.
 * Configure with {@link EventSerdeConfig} keys; {@code null} deserializes to {@code null}.
 * Thread-safe.
 */
public final class InventoryEventDeserializer implements Deserializer<Object> {
  private static final int HEADER_SIZE = 5;

  private final Map<Integer, Reader> readersById = new ConcurrentHashMap<>();
  private final ThreadLocal<BinaryDecoder> decoders = new ThreadLocal<>();
  private SchemaRegistryClient registry;
  private volatile LastUsed last;

  /** A deserializer to be configured with {@link #configure}, as Kafka does for a class name. */
  public InventoryEventDeserializer() {}

  /**
   * @throws org.apache.kafka.common.config.ConfigException if {@code schema.registry.url} is
   *     missing or any {@link EventSerdeConfig} key is invalid
   */
  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    this.registry = SharedRegistries.forSettings(new EventSerdeConfig(configs).registrySettings());
  }

  /**
   * @return a generated event (a {@link SpecificRecord}), an {@link UnknownEvent}, or {@code null}
   *     for {@code null} bytes
   * @throws MalformedFrameException if {@code data} is not a readable Confluent frame
   * @throws UnknownSchemaException if the registry has no schema with the frame's id, or the writer
   *     schema does not resolve into this build's class
   * @throws SchemaRegistryException if the registry cannot be reached on the first use of an id
   */
  @Override
  public Object deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    if (registry == null) {
      throw new IllegalStateException(
          "InventoryEventDeserializer is not configured: call"
              + " configure() with schema.registry.url, or let the consumer do it.");
    }
    checkHeader(topic, data);
    int schemaId =
        ((data[1] & 0xff) << 24)
            | ((data[2] & 0xff) << 16)
            | ((data[3] & 0xff) << 8)
            | (data[4] & 0xff);
    return read(readerOf(topic, schemaId), topic, data);
  }

  /** The last id's reader first: a topic mostly carries one id per type, and it skips boxing. */
  private Reader readerOf(String topic, int schemaId) {
    LastUsed recent = last;
    if (recent != null && recent.schemaId() == schemaId) {
      return recent.reader();
    }
    Reader reader = readersById.get(schemaId);
    if (reader == null) {
      // Built outside the map: the first use of an id asks the registry, which may retry and wait.
      Reader built = reader(topic, schemaId);
      Reader raced = readersById.putIfAbsent(schemaId, built);
      reader = raced != null ? raced : built;
    }
    last = new LastUsed(schemaId, reader);
    return reader;
  }

  @Override
  public Object deserialize(String topic, Headers headers, byte[] data) {
    return deserialize(topic, data);
  }

  /** Idempotent; the registry client and its cache are shared by the process and stay. */
  @Override
  public void close() {}

  private static void checkHeader(String topic, byte[] data) {
    if (data.length < HEADER_SIZE) {
      throw new MalformedFrameException(
          "Record value is "
              + data.length
              + " bytes, shorter than the 5-byte Confluent header (magic byte 0, 4-byte schema id);"
              + " it was not written by a Confluent-compatible Avro serializer",
          topic,
          null);
    }
    if (data[0] != 0) {
      throw new MalformedFrameException(
          String.format(
              "Record value starts with byte 0x%02x, not the Confluent magic byte 0x00%s; it was"
                  + " not written by a Confluent-compatible Avro serializer",
              data[0] & 0xff, data[0] == '{' ? " (it looks like JSON)" : ""),
          topic,
          null);
    }
  }

  private Reader reader(String topic, int schemaId) {
    Schema writer = writerSchema(topic, schemaId);
    if (writer.getType() != Schema.Type.RECORD) {
      return new Unresolvable(
          "Schema id "
              + schemaId
              + " is a "
              + writer.getType().getName()
              + ", not an event record");
    }
    Class<?> type = eventClass(writer);
    if (type == null) {
      return new UnknownType(new UnknownEvent(writer.getFullName(), schemaId));
    }
    Schema readerSchema = readerSchema(type);
    SchemaPairCompatibility compatibility =
        SchemaCompatibility.checkReaderWriterCompatibility(readerSchema, writer);
    if (compatibility.getType() != SchemaCompatibilityType.COMPATIBLE) {
      return new Unresolvable(
          "Schema id "
              + schemaId
              + " ("
              + writer.getFullName()
              + ") cannot be read as this build's "
              + type.getSimpleName()
              + ": "
              + compatibility.getResult().getIncompatibilities());
    }
    return new KnownClass(schemaId, writer.getName(), datumReader(writer, readerSchema, type));
  }

  /**
   * Avro's fast reader, built on the generated class's own model (a GeneratedModel, which resolves
   * nested records and enums to this jar's classes). Avro turns the fast reader on only for a model
   * that is exactly {@code GenericData} or {@code SpecificData}, so a {@code SpecificDatumReader}
   * on the generated model would read through a {@code ResolvingDecoder} field by field, twice as
   * slow; this reader resolves writer against reader once, here, and then decodes directly.
   */
  private static DatumReader<Object> datumReader(Schema writer, Schema reader, Class<?> type) {
    try {
      return new FastReaderBuilder(SpecificData.getForClass(type))
          .createDatumReader(writer, reader);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Schema writerSchema(String topic, int schemaId) {
    try {
      return new Schema.Parser().parse(registry.schemaById(schemaId));
    } catch (SchemaNotFoundException e) {
      throw new UnknownSchemaException(
          "Schema id "
              + schemaId
              + " is not in the registry at "
              + e.registryUrl()
              + "; the record was written against another registry, or its schema"
              + " was deleted",
          topic,
          e);
    }
  }

  private static Class<?> eventClass(Schema writer) {
    Class<?> type = GeneratedModel.generatedClass(SpecificData.getClassName(writer));
    return type != null && SpecificRecord.class.isAssignableFrom(type) ? type : null;
  }

  private static Schema readerSchema(Class<?> type) {
    try {
      return (Schema) type.getField("SCHEMA$").get(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          type + " is not a generated Avro class: it has no SCHEMA$", e);
    }
  }

  private Object read(Reader reader, String topic, byte[] frame) {
    if (reader instanceof KnownClass known) {
      return decode(known, topic, frame);
    }
    if (reader instanceof UnknownType unknown) {
      return unknown.event();
    }
    throw new UnknownSchemaException(((Unresolvable) reader).detail(), topic, null);
  }

  private Object decode(KnownClass reader, String topic, byte[] frame) {
    BinaryDecoder reused = decoders.get();
    BinaryDecoder decoder =
        DecoderFactory.get().binaryDecoder(frame, HEADER_SIZE, frame.length - HEADER_SIZE, reused);
    if (decoder != reused) {
      decoders.set(decoder);
    }
    try {
      Object event = reader.datumReader().read(null, decoder);
      if (!decoder.isEnd()) {
        throw new IOException("bytes are left over after the event");
      }
      return event;
    } catch (IOException | RuntimeException e) {
      throw new MalformedFrameException(
          "Record value's Avro body does not decode with its writer schema (id "
              + reader.schemaId()
              + ", "
              + reader.recordName()
              + "): "
              + e,
          topic,
          e);
    }
  }

  /** The reader of the id read most recently. */
  private record LastUsed(int schemaId, Reader reader) {}

  /** What the frames of one schema id turn into; one case per outcome, cached per id. */
  private sealed interface Reader permits KnownClass, UnknownType, Unresolvable {}

  /** The id's record has a generated class here: decode each frame into it. */
  private record KnownClass(int schemaId, String recordName, DatumReader<Object> datumReader)
      implements Reader {}

  /** The id's record is an event type newer than this build: every frame is this one value. */
  private record UnknownType(UnknownEvent event) implements Reader {}

  /** The id's schema is not an event record, or does not resolve into this build's class. */
  private record Unresolvable(String detail) implements Reader {}
}
