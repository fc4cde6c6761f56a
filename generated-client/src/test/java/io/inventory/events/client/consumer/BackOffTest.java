package io.inventory.events.client.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackOffTest {
  @Test
  void defaultDoublesFrom250MillisAndStopsAfterFiveRetries() {
    assertThat(schedule(BackOff.DEFAULT)).containsExactly(250L, 500L, 1000L, 2000L, 4000L);
  }

  @Test
  void exponentialIsCappedAtMaxInterval() {
    BackOff backOff = BackOff.exponential(Duration.ofSeconds(1), 3.0, Duration.ofSeconds(5), 4);
    assertThat(schedule(backOff)).containsExactly(1000L, 3000L, 5000L, 5000L);
  }

  @Test
  void fixedWaitsTheSameIntervalEachTime() {
    assertThat(schedule(BackOff.fixed(Duration.ofMillis(40), 3))).containsExactly(40L, 40L, 40L);
  }

  @Test
  void noneStopsAtOnce() {
    assertThat(schedule(BackOff.none())).isEmpty();
  }

  @Test
  void eachStartHasItsOwnCount() {
    BackOff backOff = BackOff.fixed(Duration.ofMillis(1), 2);
    BackOff.Execution first = backOff.start();
    first.nextBackOff();
    first.nextBackOff();
    assertThat(first.nextBackOff()).isEqualTo(BackOff.STOP);
    assertThat(schedule(backOff)).containsExactly(1L, 1L);
  }

  @Test
  void invalidArgumentsAreNamed() {
    assertThatThrownBy(
            () -> BackOff.exponential(Duration.ofMillis(1), 0.5, Duration.ofSeconds(1), 1))
        .hasMessage("multiplier must be at least 1.0 but was 0.5");
    assertThatThrownBy(() -> BackOff.fixed(Duration.ofMillis(-1), 1))
        .hasMessage("Back-off intervals must not be negative but were PT-0.001S and PT-0.001S");
    assertThatThrownBy(() -> BackOff.fixed(Duration.ofMillis(1), -1))
        .hasMessage("maxRetries must not be negative but was -1");
  }

  private static List<Long> schedule(BackOff backOff) {
    BackOff.Execution execution = backOff.start();
    List<Long> waits = new ArrayList<>();
    for (long wait = execution.nextBackOff();
        wait != BackOff.STOP;
        wait = execution.nextBackOff()) {
      waits.add(wait);
    }
    return waits;
  }
}
