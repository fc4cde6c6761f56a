package io.inventory.events.benchmarks;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.inventory.events.client.serde.EventSerdeConfig;
import io.inventory.events.client.serde.InventoryEventDeserializer;
import io.inventory.events.client.serde.InventoryEventSerializer;
import io.inventory.events.client.testing.SampleEvents;
import io.inventory.events.stack.InventoryStack;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Three serdes on the same event, in the same run: ours ({@code our*}), Apicurio's Kafka Avro serde
 * with the Confluent frame ({@code apicurio*}, the peer), and plain Avro with a reused writer or
 * reader and a reused encoder or decoder, no framing and no registry ({@code rawAvro*}, the floor).
 *
 * <p>The floor reads with Avro's own {@link SpecificData} (writer schema = reader schema, so Avro's
 * fast reader applies), the best plain Avro does. Both serdes talk to the registry through a {@link
 * CountingRegistryProxy}; the caches are primed in the setup, and the teardown prints how many
 * registry requests were made after that (the target is zero). The setup also checks that the three
 * produce the same bytes and read back equal events, so all three do the same work.
 *
 * <p>The registry: {@code -Dinventory.bench.registry-url} (the Confluent API URL of a running
 * Apicurio, set by {@link SerdeBenchmarkMain}, which starts one stack for all forks), else a stack
 * of this fork's own.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Dorg.apache.avro.SERIALIZABLE_PACKAGES=" + SerdeBenchmark.GENERATED_PACKAGE})
public class SerdeBenchmark {
  /** Apicurio's serde loads generated classes through Avro's global trust list. */
  static final String GENERATED_PACKAGE = "io.inventory.events.avro";

  static final String REGISTRY_URL_PROPERTY = "inventory.bench.registry-url";

  private static final String TOPIC = "inventory.bench.events";

  /** The seed's event, and the event type whose sample encodes to the most bytes. */
  @Param({"StockLevelChanged", "StockAdjusted"})
  public String eventType;

  private InventoryStack ownStack;
  private CountingRegistryProxy proxy;
  private long confluentRequestsAtStart;
  private long nativeRequestsAtStart;

  private SpecificRecord event;
  private byte[] framed;
  private byte[] rawBytes;

  private InventoryEventSerializer ourSerializer;
  private InventoryEventDeserializer ourDeserializer;
  private AvroKafkaSerializer<SpecificRecord> apicurioSerializer;
  private AvroKafkaDeserializer<Object> apicurioDeserializer;

  private SpecificDatumWriter<SpecificRecord> rawWriter;
  private SpecificDatumReader<SpecificRecord> rawReader;
  private final ByteArrayOutputStream rawOut = new ByteArrayOutputStream(512);
  private BinaryEncoder rawEncoder;
  private BinaryDecoder rawDecoder;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    String registryUrl = System.getProperty(REGISTRY_URL_PROPERTY);
    if (registryUrl == null) {
      ownStack = InventoryStack.start();
      registryUrl = ownStack.schemaRegistryUrl();
    }
    proxy = CountingRegistryProxy.inFrontOf(registryUrl);
    event = sample(eventType);
    Schema schema = event.getSchema();

    Map<String, Object> ours =
        Map.of(
            EventSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG,
            proxy.confluentApiUrl(registryUrl),
            EventSerdeConfig.AUTO_REGISTER_SCHEMAS_CONFIG,
            true);
    ourSerializer = new InventoryEventSerializer();
    ourSerializer.configure(ours, false);
    ourDeserializer = new InventoryEventDeserializer();
    ourDeserializer.configure(ours, false);
    framed = ourSerializer.serialize(TOPIC, event);

    String subject = TOPIC + "-" + schema.getFullName();
    apicurioSerializer = ApicurioPeer.serializer(proxy.nativeApiUrl(), subject);
    apicurioDeserializer = ApicurioPeer.deserializer(proxy.nativeApiUrl());

    rawWriter = new SpecificDatumWriter<>(schema, SpecificData.getForClass(event.getClass()));
    rawReader = new SpecificDatumReader<>(schema, schema, SpecificData.get());
    rawBytes = rawAvroEncode();

    checkSameWork();
    confluentRequestsAtStart = proxy.confluentApiRequests();
    nativeRequestsAtStart = proxy.nativeApiRequests();
  }

  private void checkSameWork() throws IOException {
    require(Arrays.equals(framed, apicurioSerialize()), "ours and Apicurio's bytes differ");
    require(
        Arrays.equals(rawBytes, Arrays.copyOfRange(framed, 5, framed.length)),
        "the raw Avro body differs from the framed one");
    require(event.equals(ourDeserialize()), "our serde does not round-trip the event");
    require(event.equals(apicurioDeserialize()), "Apicurio's serde does not round-trip the event");
    require(event.equals(rawAvroDecode()), "raw Avro does not round-trip the event");
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    System.out.printf(
        "%nRegistry requests after the caches were primed (%s): ours %d, Apicurio's %d%n",
        eventType,
        proxy.confluentApiRequests() - confluentRequestsAtStart,
        proxy.nativeApiRequests() - nativeRequestsAtStart);
    ourSerializer.close();
    ourDeserializer.close();
    apicurioSerializer.close();
    apicurioDeserializer.close();
    proxy.close();
    if (ownStack != null) {
      ownStack.close();
    }
  }

  @Benchmark
  public byte[] ourSerialize() {
    return ourSerializer.serialize(TOPIC, event);
  }

  @Benchmark
  public byte[] apicurioSerialize() {
    return apicurioSerializer.serialize(TOPIC, event);
  }

  @Benchmark
  public byte[] rawAvroEncode() throws IOException {
    rawOut.reset();
    rawEncoder = EncoderFactory.get().binaryEncoder(rawOut, rawEncoder);
    rawWriter.write(event, rawEncoder);
    rawEncoder.flush();
    return rawOut.toByteArray();
  }

  @Benchmark
  public Object ourDeserialize() {
    return ourDeserializer.deserialize(TOPIC, framed);
  }

  @Benchmark
  public Object apicurioDeserialize() {
    return apicurioDeserializer.deserialize(TOPIC, framed);
  }

  @Benchmark
  public Object rawAvroDecode() throws IOException {
    rawDecoder = DecoderFactory.get().binaryDecoder(rawBytes, rawDecoder);
    return rawReader.read(null, rawDecoder);
  }

  static SpecificRecord sample(String simpleName) {
    return SampleEvents.all().stream()
        .filter(sample -> sample.getSchema().getName().equals(simpleName))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("No sample event named " + simpleName));
  }

  private static void require(boolean condition, String problem) {
    if (!condition) {
      throw new IllegalStateException("Not the same work: " + problem);
    }
  }
}
