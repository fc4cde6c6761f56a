package io.inventory.events.client.internal;

import org.apache.avro.util.ClassSecurityValidator;

/**
 * Adds this jar's generated package, {@code io.inventory.events.avro}, to Avro's process-wide list
 * of classes it may load by name, once.
 *
 * <p>Why: since Avro 1.12, {@code SpecificData} refuses to load any class outside a trusted list,
 * and generated classes are not on it by default, so copying an event ({@code newBuilder(event)})
 * or reading one with a plain {@code SpecificDatumReader} fails with a {@code SecurityException}.
 * The client's entry points (publisher, serializer, deserializer) call {@link #install()} when they
 * load. Only this one package is added; the rest of the list (and the {@code
 * org.apache.avro.SERIALIZABLE_PACKAGES} property) is kept.
 */
public final class GeneratedClassTrust {
  private static final String PACKAGE = "io.inventory.events.avro.";
  private static volatile boolean installed;

  private GeneratedClassTrust() {}

  /** Idempotent and thread-safe. */
  public static void install() {
    if (installed) {
      return;
    }
    synchronized (GeneratedClassTrust.class) {
      if (!installed) {
        ClassSecurityValidator.setGlobal(
            ClassSecurityValidator.composite(
                ClassSecurityValidator.getGlobal(), type -> type.getName().startsWith(PACKAGE)));
        installed = true;
      }
    }
  }
}
