package io.inventory.events.client.internal;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * The Avro data model ({@code MODEL$}) of every generated class in {@code
 * io.inventory.events.avro}: a {@link SpecificData} that resolves record and enum names to this
 * jar's generated classes itself. The build's record template ({@code
 * src/avro-templates/record.vm}) puts one instance into each generated class.
 *
 * <p>Why: since Avro 1.12 a plain {@code SpecificData} loads a class named by a schema only if
 * Avro's process-wide trust list allows it ({@code org.apache.avro.SERIALIZABLE_PACKAGES}), and
 * generated classes are not on it by default. Copying an event ({@code newBuilder(event)}) or
 * reading one into its class would then fail unless every application widened that global. This
 * model instead loads only what a generated class can be, a {@link SpecificRecord} or an enum,
 * which is what the trust list protects: no other class a schema names is ever instantiated.
 * Anything else is left to Avro as before. The global list is neither read nor changed.
 * Thread-safe.
 */
public final class GeneratedModel extends SpecificData {
  /** Avro asks for the class of every record and enum it reads or copies: look each up once. */
  private final Map<String, Optional<Class<?>>> classes = new ConcurrentHashMap<>();

  /** The model of one generated class; its static initializer adds the conversions it needs. */
  public GeneratedModel() {
    super(GeneratedModel.class.getClassLoader());
  }

  @Override
  public Class getClass(Schema schema) {
    if (schema.getType() != Schema.Type.RECORD && schema.getType() != Schema.Type.ENUM) {
      return super.getClass(schema);
    }
    Optional<Class<?>> generated =
        classes.computeIfAbsent(
            getClassName(schema), name -> Optional.ofNullable(generatedClass(name)));
    return generated.isPresent() ? generated.get() : super.getClass(schema);
  }

  /**
   * The generated record or enum class named {@code className}, or {@code null} when this build has
   * none: no such class, or one that is neither a {@link SpecificRecord} nor an enum. Looks in this
   * jar's class loader, then the thread's context class loader; initializes nothing.
   */
  public static Class<?> generatedClass(String className) {
    for (ClassLoader loader :
        new ClassLoader[] {
          GeneratedModel.class.getClassLoader(), Thread.currentThread().getContextClassLoader()
        }) {
      try {
        Class<?> type = Class.forName(className, false, loader);
        return SpecificRecord.class.isAssignableFrom(type) || type.isEnum() ? type : null;
      } catch (ClassNotFoundException | LinkageError | RuntimeException notHere) {
        // Try the next loader; none knowing the name means a type newer than this build.
      }
    }
    return null;
  }
}
