package io.inventory.events.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The versions of Kafka and Apicurio Registry this jar was built against (from the parent pom). */
final class StackVersions {
  static final String KAFKA;
  static final String APICURIO;

  static {
    Properties properties = new Properties();
    try (InputStream in = StackVersions.class.getResourceAsStream("stack.properties")) {
      if (in == null) throw new IllegalStateException("stack.properties is missing from the jar");
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    KAFKA = properties.getProperty("kafka.version");
    APICURIO = properties.getProperty("apicurio.version");
  }

  private StackVersions() {}
}
