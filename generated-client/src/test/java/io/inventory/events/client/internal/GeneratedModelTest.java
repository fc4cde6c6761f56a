package io.inventory.events.client.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.inventory.events.avro.StockLevelChanged;
import io.inventory.events.client.testing.SampleEvents;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.util.ClassSecurityValidator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Generated classes copy and read themselves through their own model, so an application needs no
 * Avro trust setting and calls nothing first. Proven in a fresh JVM, where nothing else in the test
 * run could have widened Avro's process-wide trust list before.
 */
class GeneratedModelTest {

  @Test
  @DisplayName(
      "a fresh JVM copies an event with newBuilder(event) and reads it back into its class, without"
          + " -Dorg.apache.avro.SERIALIZABLE_PACKAGES and without calling anything first")
  void generatedClassesNeedNoAvroTrustSetting() throws Exception {
    Process java =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                InFreshJvm.class.getName())
            .redirectErrorStream(true)
            .start();
    String output = new String(java.getInputStream().readAllBytes(), UTF_8);
    assertThat(java.waitFor(60, TimeUnit.SECONDS)).as("the fresh JVM ended").isTrue();

    assertThat(java.exitValue()).as(output).isZero();
    assertThat(output).contains(InFreshJvm.DONE);
  }

  @Test
  @DisplayName("the model resolves only generated records and enums, and leaves other names alone")
  void resolvesOnlyGeneratedClasses() {
    assertThat(GeneratedModel.generatedClass("io.inventory.events.avro.StockLevelChanged"))
        .isEqualTo(StockLevelChanged.class);
    assertThat(GeneratedModel.generatedClass("io.inventory.events.avro.UnitOfMeasure")).isNotNull();
    assertThat(GeneratedModel.generatedClass("java.lang.ProcessBuilder")).isNull();
    assertThat(GeneratedModel.generatedClass("io.inventory.events.avro.StockTransferred")).isNull();
  }

  /** What runs in the fresh JVM; exits non-zero with the reason when anything fails. */
  public static final class InFreshJvm {
    static final String DONE = "copied and read back without any Avro trust setting";

    public static void main(String[] args) throws Exception {
      check(
          System.getProperty("org.apache.avro.SERIALIZABLE_PACKAGES") == null,
          "the JVM must start without org.apache.avro.SERIALIZABLE_PACKAGES");

      StockLevelChanged event = SampleEvents.stockLevelChanged();
      StockLevelChanged copy = StockLevelChanged.newBuilder(event).build();
      check(copy.equals(event), "the copy equals the original");
      check(copy.getPayload() != event.getPayload(), "newBuilder(event) copied deeply");
      ByteBuffer bytes = event.toByteBuffer();
      check(StockLevelChanged.fromByteBuffer(bytes).equals(event), "the event reads back");

      // Nothing widened Avro's global list on the way: its own default model still refuses.
      check(
          ClassSecurityValidator.getGlobal() == ClassSecurityValidator.DEFAULT,
          "Avro's global trust list is unchanged");
      try {
        SpecificData.get().getClass(StockLevelChanged.getClassSchema());
        check(false, "Avro's default model refuses the generated class (else this test is moot)");
      } catch (SecurityException expected) {
        // Avro's check is live in this JVM; the generated model is what made the copy work.
      }
      System.out.println(DONE);
    }

    private static void check(boolean condition, String what) {
      if (!condition) {
        throw new AssertionError("Expected: " + what);
      }
    }
  }
}
