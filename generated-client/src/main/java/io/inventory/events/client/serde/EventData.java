package io.inventory.events.client.serde;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * The data model the deserializer reads with: Avro's {@link SpecificData} with every standard
 * logical-type conversion, resolving record and enum names to generated classes itself.
 *
 * <p>Why: since Avro 1.12 {@code SpecificData.getClass} refuses every class outside a trusted list
 * (a process-wide setting, {@code org.apache.avro.SERIALIZABLE_PACKAGES}), which generated classes
 * are not on by default. Rather than widen that global, this model loads only what a generated
 * class can be (a {@link SpecificRecord} or an enum), which is the point of the check: no arbitrary
 * class named by a schema is ever instantiated.
 */
final class EventData extends SpecificData {
  static final EventData INSTANCE = new EventData();

  private EventData() {
    super(EventData.class.getClassLoader());
    addLogicalTypeConversion(new Conversions.DecimalConversion());
    addLogicalTypeConversion(new Conversions.UUIDConversion());
    addLogicalTypeConversion(new TimeConversions.DateConversion());
    addLogicalTypeConversion(new TimeConversions.TimeMillisConversion());
    addLogicalTypeConversion(new TimeConversions.TimeMicrosConversion());
    addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
    addLogicalTypeConversion(new TimeConversions.TimestampMicrosConversion());
    addLogicalTypeConversion(new TimeConversions.LocalTimestampMillisConversion());
    addLogicalTypeConversion(new TimeConversions.LocalTimestampMicrosConversion());
  }

  /** Every record and enum is looked up once: Avro asks for the class of each value it reads. */
  private final Map<String, Optional<Class<?>>> classes = new ConcurrentHashMap<>();

  @Override
  public Class getClass(Schema schema) {
    if (schema.getType() != Schema.Type.RECORD && schema.getType() != Schema.Type.ENUM) {
      return super.getClass(schema);
    }
    Optional<Class<?>> generated =
        classes.computeIfAbsent(
            schema.getFullName(), name -> Optional.ofNullable(generatedClass(name)));
    return generated.isPresent() ? generated.get() : super.getClass(schema);
  }

  /** The generated class named {@code fullName}, or {@code null} if this build has none. */
  static Class<?> generatedClass(String fullName) {
    for (ClassLoader loader :
        new ClassLoader[] {
          EventData.class.getClassLoader(), Thread.currentThread().getContextClassLoader()
        }) {
      try {
        Class<?> type = Class.forName(fullName, false, loader);
        return SpecificRecord.class.isAssignableFrom(type) || type.isEnum() ? type : null;
      } catch (ClassNotFoundException | LinkageError | RuntimeException notHere) {
        // Try the next loader; none knowing the name means a type newer than this build.
      }
    }
    return null;
  }
}
