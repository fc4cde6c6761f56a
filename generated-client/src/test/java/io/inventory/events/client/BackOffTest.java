package io.inventory.events.client;

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
  void theScheduleDependsOnlyOnTheRetryNumber() {
    BackOff backOff = BackOff.exponential(Duration.ofMillis(10), 2.0, Duration.ofSeconds(1), 3);
    assertThat(backOff.delayMillis(3)).isEqualTo(40L);
    assertThat(backOff.delayMillis(1)).isEqualTo(10L);
    assertThat(backOff.delayMillis(4)).isEqualTo(BackOff.STOP);
  }

  @Test
  void aLambdaIsABackOff() {
    BackOff threeSeconds = retry -> retry <= 3 ? 1_000 : BackOff.STOP;
    assertThat(schedule(threeSeconds)).containsExactly(1000L, 1000L, 1000L);
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
    List<Long> waits = new ArrayList<>();
    for (int retry = 1; backOff.delayMillis(retry) != BackOff.STOP; retry++) {
      waits.add(backOff.delayMillis(retry));
    }
    return waits;
  }
}
