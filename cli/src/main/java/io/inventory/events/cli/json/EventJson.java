package io.inventory.events.cli.json;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inventory.events.client.testing.SampleEvents;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * The channel's JSON shape to and from the generated event classes: the shape of the seed page's
 * examples ({@code eventType}, {@code timestamp}, {@code version}, {@code payload}, {@code
 * metadata}), with decimals as JSON numbers ({@code 95}, {@code 2.5}), dates as {@code 2025-12-31},
 * timestamps as ISO-8601 ({@code 2025-06-01T10:15:30.123456Z}; a zone-less one, as Python's {@code
 * utcnow().isoformat()} writes, is read as UTC), UUIDs as strings and nullable values bare or
 * {@code null}. Avro's own JSON encoding is not this shape: it wraps union values and writes
 * timestamps as numbers.
 *
 * <pre>{@code
 * SpecificRecord event = EventJson.read(EventJson.parse(line));   // class chosen by eventType
 * String json = EventJson.write(event).toString();
 * }</pre>
 *
 * <p>Reading checks the shape only (fields, types, enum symbols, event type) and reports every
 * problem with its JSON path in an {@link EventJsonException}; the contract's rules (signs, decimal
 * scale, blank ids) are the publisher's, so they live in one place. Stateless and thread-safe.
 */
public final class EventJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
  private static final Map<String, Class<? extends SpecificRecord>> CLASSES = catalogue();

  private EventJson() {}

  /**
   * Every event type of this build, for example {@code STOCK_LEVEL_CHANGED}, in catalogue order.
   */
  public static List<String> eventTypes() {
    return List.copyOf(CLASSES.keySet());
  }

  /** Every generated event class of this build, in catalogue order. */
  public static List<Class<? extends SpecificRecord>> eventClasses() {
    return List.copyOf(CLASSES.values());
  }

  /**
   * The event type {@code type} carries, for example {@code STOCK_LEVEL_CHANGED} for {@code
   * StockLevelChanged}.
   *
   * @throws IllegalArgumentException when {@code type} is not an event class of this build
   */
  public static String eventTypeOf(Class<? extends SpecificRecord> type) {
    Objects.requireNonNull(type, "type == null");
    return CLASSES.entrySet().stream()
        .filter(entry -> entry.getValue().equals(type))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(type.getName() + " is not an event class"));
  }

  /**
   * Parses JSON text, keeping every decimal exactly (floats become {@code BigDecimal}, never {@code
   * double}).
   *
   * @throws UncheckedIOException wrapping Jackson's error, with line and column, for malformed JSON
   */
  public static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(Objects.requireNonNull(json, "json == null"));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    } catch (NumberFormatException e) {
      // Jackson throws this bare for a number BigDecimal cannot hold (an exponent past 2^31)
      throw new UncheckedIOException(
          new JsonParseException(null, "Malformed JSON number: " + e.getMessage(), e));
    }
  }

  /**
   * The event {@code json} describes, as the generated class its {@code eventType} names.
   *
   * @throws EventJsonException listing every problem when {@code json} has no known event type or
   *     does not fit that type's schema
   */
  public static SpecificRecord read(JsonNode json) {
    Objects.requireNonNull(json, "json == null");
    JsonNode eventType = json.path("eventType");
    Class<? extends SpecificRecord> type =
        eventType.isTextual() ? CLASSES.get(eventType.textValue()) : null;
    if (type != null) {
      return read(json, type);
    }
    String expected = "; expected one of " + String.join(", ", CLASSES.keySet());
    String problem =
        !json.isObject()
            ? "expected an event object but was " + abbreviate(json)
            : eventType.isMissingNode()
                ? "required field is missing" + expected
                : "unknown event type " + eventType + expected;
    throw new EventJsonException(
        List.of(new JsonProblem(problem, json.isObject() ? "$.eventType" : "$")), null);
  }

  /**
   * {@code json} as an event of {@code type}. An {@code eventType} that is not {@code type}'s is
   * read as given: the publisher refuses it.
   *
   * @throws EventJsonException listing every problem when {@code json} does not fit the schema
   */
  public static <T extends SpecificRecord> T read(JsonNode json, Class<T> type) {
    Objects.requireNonNull(json, "json == null");
    Schema schema = SpecificData.get().getSchema(Objects.requireNonNull(type, "type == null"));
    return type.cast(JsonToRecord.read(json, schema, SpecificData.getForClass(type)));
  }

  /** {@code event} in the channel's JSON shape, its fields in schema order. */
  public static ObjectNode write(SpecificRecord event) {
    Objects.requireNonNull(event, "event == null");
    return (ObjectNode) RecordToJson.write(event, event.getSchema());
  }

  /** {@link #write} as one line of compact JSON. */
  public static String writeLine(SpecificRecord event) {
    try {
      return MAPPER.writeValueAsString(write(event));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * An ISO-8601 instant ({@code 2025-06-01T10:15:30Z}, with any offset), or a zone-less ISO
   * date-time read as UTC; {@code null} when {@code text} is neither.
   */
  public static Instant parseInstant(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException notAnInstant) {
      try {
        return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException notADateTime) {
        return null;
      }
    }
  }

  /** {@code value} as the JSON number the channel writes: no trailing zeros, never an exponent. */
  static BigDecimal plain(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }

  private static String abbreviate(JsonNode json) {
    String text = json.toString();
    return text.length() <= 40 ? text : text.substring(0, 37) + "...";
  }

  /**
   * The event classes, keyed by the {@code eventType} each carries (its schema's default). Taken
   * from the client's {@link SampleEvents#all()}, which holds one of each, so a new event type
   * needs no change here.
   */
  private static Map<String, Class<? extends SpecificRecord>> catalogue() {
    Map<String, Class<? extends SpecificRecord>> classes = new LinkedHashMap<>();
    for (SpecificRecord sample : SampleEvents.all()) {
      Object eventType = sample.getSchema().getField("eventType").defaultVal();
      classes.put(eventType.toString(), sample.getClass());
    }
    return classes;
  }
}
