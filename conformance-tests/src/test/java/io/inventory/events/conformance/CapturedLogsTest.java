package io.inventory.events.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@DisplayName("The log capture that secret scans rely on")
class CapturedLogsTest {
  private static final Logger KAFKA_LIKE = LoggerFactory.getLogger("org.apache.kafka.canary");

  @Test
  @DisplayName("captures INFO through SLF4J, with every cause's message, and stops on close")
  void capturesMessagesAndCausesUntilClosed() {
    String canary = "canary-" + System.nanoTime();
    boolean infoBefore = KAFKA_LIKE.isInfoEnabled();
    try (CapturedLogs logs = CapturedLogs.start(Level.INFO)) {
      KAFKA_LIKE.debug("below the level {}", canary + "-debug");
      KAFKA_LIKE.info("configured with {}", canary);
      KAFKA_LIKE.warn(
          "failed", new IllegalStateException("outer", new RuntimeException(canary + "-cause")));

      assertThat(logs.text())
          .contains("INFO org.apache.kafka.canary - configured with " + canary)
          .contains(canary + "-cause")
          .doesNotContain(canary + "-debug");
      logs.close();
      KAFKA_LIKE.error("after close {}", canary + "-late");
      assertThat(logs.text()).doesNotContain(canary + "-late");
    }
    assertThat(KAFKA_LIKE.isInfoEnabled()).as("level restored").isEqualTo(infoBefore);
  }
}
