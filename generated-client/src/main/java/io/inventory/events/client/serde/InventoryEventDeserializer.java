package io.inventory.events.client.serde;

import io.inventory.events.client.UnknownEvent;
import io.inventory.events.client.internal.GeneratedClassTrust;
import io.inventory.events.client.internal.SchemaRegistryClient;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
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

  static {
    GeneratedClassTrust.install();
  }

  private final Map<Integer, Reader> readersById = new ConcurrentHashMap<>();
  private final ThreadLocal<BinaryDecoder> decoders = new ThreadLocal<>();
  private SchemaRegistryClient registry;

  /** A deserializer to be configured with {@link #configure}, as Kafka does for a class name. */
  public InventoryEventDeserializer() {}

  /**
   * @throws org.apache.kafka.common.config.ConfigException if {@code schema.registry.url} is
   *     missing or any {@link EventSerdeConfig} key is invalid
   */
  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    this.registry = SchemaRegistryClient.shared(new EventSerdeConfig(configs).registrySettings());
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
    Reader reader = readersById.get(schemaId);
    if (reader == null) {
      reader = readersById.computeIfAbsent(schemaId, id -> reader(topic, id));
    }
    return reader.read(topic, data);
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
          -1,
          -1L,
          null);
    }
    if (data[0] != 0) {
      throw new MalformedFrameException(
          String.format(
              "Record value starts with byte 0x%02x, not the Confluent magic byte 0x00%s; it was"
                  + " not written by a Confluent-compatible Avro serializer",
              data[0] & 0xff, data[0] == '{' ? " (it looks like JSON)" : ""),
          topic,
          -1,
          -1L,
          null);
    }
  }

  private Reader reader(String topic, int schemaId) {
    Schema writer = writerSchema(topic, schemaId);
    if (writer.getType() != Schema.Type.RECORD) {
      return Reader.failing(
          new UnknownSchemaException(
              "Schema id "
                  + schemaId
                  + " is a "
                  + writer.getType().getName()
                  + ", not an event record",
              topic,
              -1,
              -1L,
              null));
    }
    Class<?> type = eventClass(writer.getFullName());
    if (type == null) {
      return Reader.unknown(new UnknownEvent(writer.getFullName(), schemaId));
    }
    Schema readerSchema = readerSchema(type);
    SchemaPairCompatibility compatibility =
        SchemaCompatibility.checkReaderWriterCompatibility(readerSchema, writer);
    if (compatibility.getType() != SchemaCompatibilityType.COMPATIBLE) {
      return Reader.failing(
          new UnknownSchemaException(
              "Schema id "
                  + schemaId
                  + " ("
                  + writer.getFullName()
                  + ") cannot be read as this build's "
                  + type.getSimpleName()
                  + ": "
                  + compatibility.getResult().getIncompatibilities(),
              topic,
              -1,
              -1L,
              null));
    }
    return Reader.known(
        schemaId,
        writer.getName(),
        new SpecificDatumReader<>(writer, readerSchema, EventData.INSTANCE),
        decoders);
  }

  private Schema writerSchema(String topic, int schemaId) {
    try {
      return registry.schemaById(schemaId);
    } catch (SchemaRegistryException e) {
      if (e.statusCode() == 404) {
        throw new UnknownSchemaException(
            "Schema id "
                + schemaId
                + " is not in the registry at "
                + e.registryUrl()
                + "; the record was written against another registry, or its schema"
                + " was deleted",
            topic,
            -1,
            -1L,
            e);
      }
      throw e;
    }
  }

  private static Class<?> eventClass(String fullName) {
    Class<?> type = EventData.generatedClass(fullName);
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

  /** Reads the frames of one schema id; immutable apart from the per-thread decoder. */
  private static final class Reader {
    private final int schemaId;
    private final String recordName;
    private final DatumReader<Object> datumReader;
    private final ThreadLocal<BinaryDecoder> decoders;
    private final Object constant;
    private final UnknownSchemaException failure;

    private Reader(
        int schemaId,
        String recordName,
        DatumReader<Object> datumReader,
        ThreadLocal<BinaryDecoder> decoders,
        Object constant,
        UnknownSchemaException failure) {
      this.schemaId = schemaId;
      this.recordName = recordName;
      this.datumReader = datumReader;
      this.decoders = decoders;
      this.constant = constant;
      this.failure = failure;
    }

    static Reader known(
        int schemaId,
        String recordName,
        DatumReader<Object> datumReader,
        ThreadLocal<BinaryDecoder> decoders) {
      return new Reader(schemaId, recordName, datumReader, decoders, null, null);
    }

    static Reader unknown(UnknownEvent event) {
      return new Reader(event.schemaId(), event.recordName(), null, null, event, null);
    }

    static Reader failing(UnknownSchemaException failure) {
      return new Reader(-1, null, null, null, null, failure);
    }

    Object read(String topic, byte[] frame) {
      if (failure != null) {
        throw new UnknownSchemaException(failure.detail(), topic, -1, -1L, null);
      }
      if (constant != null) {
        return constant;
      }
      BinaryDecoder decoder =
          DecoderFactory.get()
              .binaryDecoder(frame, HEADER_SIZE, frame.length - HEADER_SIZE, decoders.get());
      decoders.set(decoder);
      try {
        Object event = datumReader.read(null, decoder);
        if (!decoder.isEnd()) {
          throw new IOException("bytes are left over after the event");
        }
        return event;
      } catch (IOException | RuntimeException e) {
        throw new MalformedFrameException(
            "Record value's Avro body does not decode with its"
                + " writer schema (id "
                + schemaId
                + ", "
                + recordName
                + "): "
                + e,
            topic,
            -1,
            -1L,
            e);
      }
    }
  }
}
