package io.inventory.events.client.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.inventory.events.client.serde.EventSerdeConfig;
import io.inventory.events.client.serde.InventoryEventDeserializer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The test doubles' schema registry: one per JVM, schema ids assigned in memory, and the Confluent
 * API's {@code GET /schemas/ids/{id}} served on a loopback port so that the client's real {@link
 * InventoryEventDeserializer} decodes the doubles' frames exactly as it decodes a broker's: the
 * same classes, the same {@code UnknownEvent} for a type this build lacks, the same exceptions and
 * messages for poison bytes or an unknown id. One per JVM because the deserializer keeps one
 * registry client per URL for the life of the process. Thread-safe.
 */
final class InMemoryRegistry {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final InMemoryRegistry INSTANCE = new InMemoryRegistry();

  private final Map<String, Integer> ids = new ConcurrentHashMap<>();
  private final Map<Integer, String> schemas = new ConcurrentHashMap<>();
  private final AtomicInteger nextId = new AtomicInteger(1);
  private final AtomicReference<String> url = new AtomicReference<>();

  private InMemoryRegistry() {}

  static InMemoryRegistry get() {
    return INSTANCE;
  }

  /** The id of {@code schema}, assigned on first use as a registry would. */
  int idOf(Schema schema) {
    String text = schema.toString();
    return ids.computeIfAbsent(
        text,
        s -> {
          int id = nextId.getAndIncrement();
          schemas.put(id, s);
          return id;
        });
  }

  /**
   * {@code event} as the contract's serializer frames it: byte 0, the 4-byte id, Avro binary.
   *
   * @throws SerializationException if Avro cannot write the event, as the real serializer would
   */
  byte[] frame(SpecificRecord event) {
    Schema schema = event.getSchema();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0);
    out.writeBytes(ByteBuffer.allocate(4).putInt(idOf(schema)).array());
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    try {
      new SpecificDatumWriter<SpecificRecord>(schema, SpecificData.getForClass(event.getClass()))
          .write(event, encoder);
      encoder.flush();
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "Could not write " + schema.getFullName() + " as Avro: " + e, e);
    }
    return out.toByteArray();
  }

  /**
   * A frame of an event type this build has no class for: a record named {@code recordName} with no
   * fields, as a newer producer's event would reach an older consumer.
   */
  byte[] unknownFrame(String recordName) {
    Schema schema = Schema.createRecord(recordName, null, null, false);
    schema.setFields(java.util.List.of());
    return ByteBuffer.allocate(5).put((byte) 0).putInt(idOf(schema)).array();
  }

  /** The client's own deserializer, configured against this registry. */
  Deserializer<Object> deserializer() {
    InventoryEventDeserializer deserializer = new InventoryEventDeserializer();
    deserializer.configure(Map.of(EventSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, url()), false);
    return deserializer;
  }

  private String url() {
    String started = url.get();
    if (started != null) {
      return started;
    }
    synchronized (this) {
      if (url.get() == null) {
        url.set(start());
      }
      return url.get();
    }
  }

  /**
   * Serves on a daemon thread: the server's dispatcher inherits the daemon flag of the thread that
   * starts it, and a test double must never keep a JVM alive.
   */
  private String start() {
    AtomicReference<Object> result = new AtomicReference<>();
    Thread starter =
        new Thread(
            () -> {
              try {
                HttpServer server =
                    HttpServer.create(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
                server.createContext("/", this::answer);
                server.start();
                result.set("http://127.0.0.1:" + server.getAddress().getPort());
              } catch (IOException e) {
                result.set(e);
              }
            },
            "inventory-events-test-registry");
    starter.setDaemon(true);
    starter.start();
    try {
      starter.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while starting the in-memory registry", e);
    }
    if (result.get() instanceof IOException e) {
      throw new UncheckedIOException("Could not open a loopback port for the test registry", e);
    }
    return (String) result.get();
  }

  private void answer(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String schema = null;
    if (exchange.getRequestMethod().equals("GET") && path.startsWith("/schemas/ids/")) {
      try {
        schema = schemas.get(Integer.parseInt(path.substring("/schemas/ids/".length())));
      } catch (NumberFormatException e) {
        schema = null;
      }
    }
    byte[] body =
        (schema == null
                ? "{\"error_code\":40403,\"message\":\"Schema not found\"}"
                : JSON.createObjectNode().put("schema", schema).toString())
            .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
    exchange.sendResponseHeaders(schema == null ? 404 : 200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
