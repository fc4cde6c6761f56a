package io.inventory.events.registry;

import java.util.List;

/**
 * The registry's answer to "may this schema become the subject's next version?" under the subject's
 * own compatibility rule ({@code POST /compatibility/subjects/{subject}/versions/latest}).
 *
 * @param compatible whether the registry would accept the schema
 * @param messages the registry's reasons (verbose mode), empty when it gives none
 */
public record CompatibilityVerdict(boolean compatible, List<String> messages) {
  public CompatibilityVerdict {
    messages = List.copyOf(messages);
  }
}
