package io.inventory.events.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.inventory.events.stack.InventoryStack;
import io.inventory.events.stack.StackProvider;
import java.time.Duration;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

@DisplayName("The testcontainers mode without a Docker Engine")
class WithoutDockerTest {

  @Test
  @DisplayName("the stack finds the mode through ServiceLoader under the name testcontainers")
  void providerIsRegistered() {
    assertThat(ServiceLoader.load(StackProvider.class))
        .anySatisfy(provider -> assertThat(provider.mode()).isEqualTo("testcontainers"));
  }

  @Test
  @DisplayName(
      "fails at once with DockerUnavailableException saying how to find Docker or go embedded")
  void failsFastNamingDockerAndTheWayBack() {
    TestcontainersStackProvider provider = new TestcontainersStackProvider(() -> false);
    StackProvider.Request request =
        new StackProvider.Request(
            "FULL_TRANSITIVE", Duration.ofSeconds(120), message -> {}, name -> Optional.empty());

    assertThatThrownBy(() -> provider.start(request))
        .isInstanceOf(DockerUnavailableException.class)
        .hasMessageStartingWith(
            "The testcontainers stack mode needs a Docker Engine, and Testcontainers found none")
        .hasMessageContaining("DOCKER_HOST")
        .hasMessageEndingWith(
            "or use the embedded stack, which needs no Docker: drop"
                + " -Dinventory.stack.mode=testcontainers.");
  }

  @Test
  @DisplayName("on a machine without Docker the builder's testcontainers mode fails within seconds")
  void realDetectionFailsFast() {
    assumeFalse(
        DockerClientFactory.instance().isDockerAvailable(),
        "a Docker Engine is available here; the containers tests run instead");
    long start = System.nanoTime();

    assertThatThrownBy(() -> InventoryStack.builder().mode("testcontainers").start())
        .isInstanceOf(DockerUnavailableException.class);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }
}
