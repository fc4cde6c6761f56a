package io.inventory.events.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.inventory.events.stack.InventoryStack;
import io.inventory.events.stack.InventoryStackExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(InventoryStackExtension.class)
@DisplayName("inventory-events demo, on the real broker and registry")
class DemoCommandTest {
  @Test
  @DisplayName(
      "tells the story and sums up: events per type, per-product order verified, one refused, the"
          + " poison dead-lettered")
  void demoSummary(InventoryStack stack) {
    // sit: no other test of this JVM uses inventory.sit.events
    Cli.Run run =
        Cli.run(Cli.against(stack, "demo", "--env", "sit", "--events", "60", "--seed", "9"));

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out())
        .contains("{\"eventId\":")
        .contains("\"eventType\":\"STOCK_LEVEL_CHANGED\"")
        .contains(
            "   refused: Invalid StockLevelChanged: must not be negative but was -5 at"
                + " $.payload.newQuantity. Fix the event and send it again; nothing was sent.")
        .contains("   published 60 events over 8 products")
        .contains("   handled 64 events; the poison went to inventory.sit.events.dlt");
    assertThat(run.out())
        .containsPattern(
            "  events per type     AllocationReleased \\d+, LowStockAlert \\d+, StockAdjusted \\d+,"
                + " StockAllocated \\d+, StockLevelChanged \\d+, StocktakeCounted \\d+\n")
        .contains(
            "  per-product order   verified: 64 events over 9 products, each product's in publish"
                + " order\n")
        .contains("  refused             1 invalid event, nothing sent\n")
        .contains("  dead-lettered       1 poison record(s) -> inventory.sit.events.dlt\n")
        .containsPattern(
            "  time                \\d+\\.\\d s \\(stack \\d+\\.\\d s, channel \\d+\\.\\d s\\)\n");
  }
}
