package io.inventory.events.stack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(InventoryStackExtension.class)
@DisplayName("A second test class using the extension")
class SecondSharedStackTest {

  @Test
  @DisplayName("gets the same stack as every other class in this JVM")
  void getsTheSameStack(InventoryStack stack) {
    assertThat(SharedStackTest.FIRST_SEEN.compareAndExchange(null, stack)).isIn(null, stack);
    assertThat(stack.createTopic(1)).startsWith("stack-test-");
  }
}
