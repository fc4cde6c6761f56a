package io.inventory.events.conformance.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inventory.events.client.serde.EventSerdeConfig;
import io.inventory.events.client.serde.InventoryEventDeserializer;
import io.inventory.events.client.serde.InventoryEventSerializer;
import io.inventory.events.client.serde.MalformedFrameException;
import io.inventory.events.client.serde.UnknownSchemaException;
import io.inventory.events.client.testing.SampleEvents;
import io.inventory.events.registry.SchemaRegistryException;
import io.inventory.events.stack.InventoryStack;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.avro.SystemLimitException;
import org.apache.avro.specific.SpecificRecord;

/**
 * Hostile record values into {@link InventoryEventDeserializer}: random bytes, real frames cut
 * short or with bits flipped, known schema ids followed by garbage, and real frames with a forged
 * huge length or count spliced in. Each must decode or throw one of the documented exceptions
 * ({@link MalformedFrameException}, {@link UnknownSchemaException}, {@link
 * SchemaRegistryException}), within its deadline and without running out of memory: this class runs
 * in a 256 MiB JVM with Avro's allocation limits set (the {@code fuzz-small-heap} execution).
 *
 * <p>The deserializer is primed once with every event type, so the inputs that carry a known id
 * cost no registry call; only the rare random frame that starts with byte 0 asks the registry about
 * its id.
 */
class FrameFuzzTest {
  private static final String TOPIC = "inventory.dev.events";

  private static InventoryStack stack;
  private static InventoryEventDeserializer deserializer;
  private static List<byte[]> frames;
  private static List<Integer> knownIds;
  private static final List<FuzzRun> runs = new ArrayList<>();

  @BeforeContainer
  static void primeTheSerde() {
    stack = InventoryStack.start();
    Map<String, Object> config =
        Map.of(
            EventSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG,
            stack.schemaRegistryUrl(),
            EventSerdeConfig.AUTO_REGISTER_SCHEMAS_CONFIG,
            true);
    List<SpecificRecord> events = new ArrayList<>(SampleEvents.all());
    events.add(SampleEvents.numbered("PROD-1", 7));
    frames = new ArrayList<>();
    knownIds = new ArrayList<>();
    try (InventoryEventSerializer serializer = new InventoryEventSerializer()) {
      serializer.configure(config, false);
      deserializer = new InventoryEventDeserializer();
      deserializer.configure(config, false);
      for (SpecificRecord event : events) {
        byte[] frame = serializer.serialize(TOPIC, event);
        frames.add(frame);
        knownIds.add(schemaId(frame));
        deserializer.deserialize(TOPIC, frame); // caches the id's reader: no registry call later
      }
    }
  }

  @AfterContainer
  static void report() {
    long total = 0;
    for (FuzzRun run : runs) {
      System.out.println(run.summary());
      total += run.inputs();
      run.close();
    }
    System.out.println("[fuzz] deserializer total: " + total + " inputs");
    if (stack != null) stack.close();
  }

  @Property(generation = GenerationMode.RANDOMIZED)
  void randomBytes(@ForAll @Size(max = 64) byte[] value) {
    decode("random bytes", value);
  }

  @Property(generation = GenerationMode.RANDOMIZED)
  void knownIdWithGarbageBody(@ForAll("knownIds") int id, @ForAll @Size(max = 300) byte[] body) {
    byte[] frame = new byte[5 + body.length];
    frame[0] = 0;
    writeId(frame, id);
    System.arraycopy(body, 0, frame, 5, body.length);
    decode("known id, garbage body", frame);
  }

  @Property(generation = GenerationMode.RANDOMIZED)
  void truncatedFrame(@ForAll("frames") byte[] frame, @ForAll double keep) {
    int length = (int) Math.floor(Math.abs(keep) % 1.0 * frame.length);
    decode("truncated frame", Arrays.copyOf(frame, length));
  }

  @Property(generation = GenerationMode.RANDOMIZED)
  void bitFlippedFrame(
      @ForAll("frames") byte[] frame, @ForAll @Size(min = 1, max = 8) List<Integer> bits) {
    byte[] flipped = frame.clone();
    for (int bit : bits) {
      int position = Math.floorMod(bit, flipped.length * 8);
      flipped[position / 8] ^= (byte) (1 << (position % 8));
    }
    decode("bit-flipped frame", flipped);
  }

  @Property(generation = GenerationMode.RANDOMIZED)
  void forgedHugeLength(
      @ForAll("frames") byte[] frame,
      @ForAll("bodyPositions") int position,
      @ForAll("hugeLengths") long length,
      @ForAll boolean replace) {
    int at = 5 + Math.floorMod(position, frame.length - 5);
    ByteArrayOutputStream forged = new ByteArrayOutputStream();
    forged.write(frame, 0, at);
    byte[] varint = zigZagVarint(length);
    forged.write(varint, 0, varint.length);
    int rest = replace ? Math.min(frame.length, at + varint.length) : at;
    forged.write(frame, rest, frame.length - rest);
    decode("forged length", forged.toByteArray());
  }

  /**
   * The proof that Avro's limits are on: a frame whose first string (the eventId) claims 1 GiB
   * would make Avro allocate 1 GiB, more than this JVM's heap, without {@code
   * org.apache.avro.limits.string.maxLength}; with it the frame is refused as malformed.
   */
  @Example
  void aForgedOneGibibyteStringIsRefusedWithoutAllocatingIt() {
    assertThat(System.getProperty("org.apache.avro.limits.string.maxLength"))
        .as("run by the fuzz-small-heap execution, which sets Avro's limits")
        .isNotNull();
    assertThat(Runtime.getRuntime().maxMemory()).isLessThan(1L << 30);
    byte[] frame =
        frames.get(frames.size() - 1); // a StockLevelChanged: its body opens with eventId
    ByteArrayOutputStream forged = new ByteArrayOutputStream();
    forged.write(frame, 0, 5);
    byte[] length = zigZagVarint(1L << 30);
    forged.write(length, 0, length.length);
    forged.write(frame, 6, frame.length - 6);

    assertThatThrownBy(() -> deserializer.deserialize(TOPIC, forged.toByteArray()))
        .isInstanceOf(MalformedFrameException.class)
        .hasRootCauseInstanceOf(SystemLimitException.class);
  }

  @Provide
  Arbitrary<byte[]> frames() {
    return Arbitraries.of(frames);
  }

  @Provide
  Arbitrary<Integer> knownIds() {
    return Arbitraries.of(knownIds);
  }

  @Provide
  Arbitrary<Integer> bodyPositions() {
    return Arbitraries.integers().between(0, 10_000);
  }

  /** Lengths and counts far beyond the frame: up to 2^31 and beyond, negative ones too. */
  @Provide
  Arbitrary<Long> hugeLengths() {
    return Arbitraries.oneOf(
        Arbitraries.longs().between(1_000_000, Integer.MAX_VALUE),
        Arbitraries.longs().between(Integer.MAX_VALUE, Long.MAX_VALUE),
        Arbitraries.longs().between(Long.MIN_VALUE, -1));
  }

  private static void decode(String kind, byte[] value) {
    run(kind).feed(value, () -> deserializer.deserialize(TOPIC, value));
  }

  private static synchronized FuzzRun run(String kind) {
    for (FuzzRun run : runs) {
      if (run.target().equals(kind)) return run;
    }
    FuzzRun run =
        new FuzzRun(
            kind,
            thrown ->
                thrown instanceof MalformedFrameException
                    || thrown instanceof UnknownSchemaException
                    || thrown instanceof SchemaRegistryException);
    runs.add(run);
    return run;
  }

  private static int schemaId(byte[] frame) {
    return ((frame[1] & 0xff) << 24)
        | ((frame[2] & 0xff) << 16)
        | ((frame[3] & 0xff) << 8)
        | (frame[4] & 0xff);
  }

  private static void writeId(byte[] frame, int id) {
    frame[1] = (byte) (id >>> 24);
    frame[2] = (byte) (id >>> 16);
    frame[3] = (byte) (id >>> 8);
    frame[4] = (byte) id;
  }

  /** Avro's encoding of a long: zig-zag, then 7 bits a byte, low first. */
  private static byte[] zigZagVarint(long value) {
    long n = (value << 1) ^ (value >> 63);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while ((n & ~0x7FL) != 0) {
      out.write((int) ((n & 0x7F) | 0x80));
      n >>>= 7;
    }
    out.write((int) n);
    return out.toByteArray();
  }
}
