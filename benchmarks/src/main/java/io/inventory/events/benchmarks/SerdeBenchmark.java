package io.inventory.events.benchmarks;

import io.inventory.events.avro.StockLevelChanged;
import io.inventory.events.client.serde.InventoryEventDeserializer;
import io.inventory.events.client.serde.InventoryEventSerializer;
import io.inventory.events.client.testing.SampleEvents;
import io.inventory.events.stack.InventoryStack;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The contract's serde against plain Avro binary on the same event, in the same run.
 *
 * <p>The baseline ({@code raw*}) is what any Avro user pays: a reused {@link SpecificDatumWriter}
 * and encoder, no framing. The contract's serializer adds the 5-byte Confluent header, the subject
 * lookup (cached after the first call, so no registry request is measured) and the decimal scale
 * normalisation; its deserializer adds the id lookup (cached) and schema resolution into the
 * generated class.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SerdeBenchmark {
  private static final String TOPIC = "inventory.dev.events";

  private InventoryStack stack;
  private InventoryEventSerializer serializer;
  private InventoryEventDeserializer deserializer;
  private StockLevelChanged event;
  private byte[] framed;
  private byte[] rawBytes;

  private final SpecificDatumWriter<StockLevelChanged> rawWriter =
      new SpecificDatumWriter<>(StockLevelChanged.class);
  private SpecificDatumReader<StockLevelChanged> rawReader;
  private final ByteArrayOutputStream rawOut = new ByteArrayOutputStream(256);
  private BinaryEncoder rawEncoder;
  private BinaryDecoder rawDecoder;
  private StockLevelChanged reused;

  @Setup(Level.Trial)
  public void startStackAndWarmCaches() throws IOException {
    rawReader = new SpecificDatumReader<>(StockLevelChanged.class);
    stack = InventoryStack.start();
    Map<String, Object> config =
        Map.of("schema.registry.url", stack.schemaRegistryUrl(), "auto.register.schemas", true);
    serializer = new InventoryEventSerializer();
    serializer.configure(config, false);
    deserializer = new InventoryEventDeserializer();
    deserializer.configure(config, false);
    event = SampleEvents.stockLevelChanged();
    framed = serializer.serialize(TOPIC, event);
    if (!event.equals(deserializer.deserialize(TOPIC, framed))) {
      throw new IllegalStateException("The serde does not round-trip the benchmark event");
    }
    rawBytes = rawEncode();
    if (!Arrays.equals(rawBytes, Arrays.copyOfRange(framed, 5, framed.length))) {
      throw new IllegalStateException("Baseline and contract bodies differ: not the same work");
    }
  }

  @TearDown(Level.Trial)
  public void stopStack() {
    serializer.close();
    deserializer.close();
    stack.close();
  }

  @Benchmark
  public byte[] rawAvroEncode() throws IOException {
    return rawEncode();
  }

  @Benchmark
  public byte[] contractSerialize() {
    return serializer.serialize(TOPIC, event);
  }

  @Benchmark
  public StockLevelChanged rawAvroDecode() throws IOException {
    rawDecoder = DecoderFactory.get().binaryDecoder(rawBytes, rawDecoder);
    reused = rawReader.read(null, rawDecoder);
    return reused;
  }

  @Benchmark
  public Object contractDeserialize() {
    return deserializer.deserialize(TOPIC, framed);
  }

  private byte[] rawEncode() throws IOException {
    rawOut.reset();
    rawEncoder = EncoderFactory.get().binaryEncoder(rawOut, rawEncoder);
    rawWriter.write(event, rawEncoder);
    rawEncoder.flush();
    return rawOut.toByteArray();
  }
}
