package io.inventory.events.compatibility;

import org.apache.avro.Schema;

/** Handlers for rules about enums: symbols and the default symbol. */
final class EnumRules {
  private EnumRules() {}

  /**
   * {@link Rule#ENUM_SYMBOL_NO_DELETE}: without a default, Avro rejects the removal; with one, Avro
   * accepts it and every old event carrying the symbol silently reads as the default.
   */
  static void enumSymbolNoDelete(
      Findings findings, Schema old, Schema current, Location at, String file) {
    String fallback = current.getEnumDefault();
    for (String symbol : old.getEnumSymbols()) {
      if (current.hasEnumSymbol(symbol)) {
        continue;
      }
      String removed =
          "symbol \"" + symbol + "\" was removed from enum \"" + current.getName() + "\"";
      String message =
          fallback == null
              ? removed
                  + ", which has no default; new consumers can no longer read old events carrying"
                  + " it."
              : removed
                  + "; Avro accepts this because the enum has a default, but new consumers"
                  + " silently read old events carrying \""
                  + symbol
                  + "\" as \""
                  + fallback
                  + "\".";
      // With a default, Avro accepts the removal: the gate alone sees the silent change.
      (fallback == null ? findings : findings.beyondAvro())
          .report(
              Rule.ENUM_SYMBOL_NO_DELETE,
              Finding.Direction.NEW_READS_OLD,
              file,
              at.path(),
              message,
              "Restore the symbol; to retire it, stop producing it and say so in the enum's doc.");
    }
  }

  /**
   * {@link Rule#ENUM_SYMBOL_ADD_HAS_DEFAULT}: an old reader maps an unknown symbol to its default,
   * and fails without one.
   */
  static void enumSymbolAddHasDefault(
      Findings findings, Schema old, Schema current, Location at, String file) {
    if (old.getEnumDefault() != null) {
      return;
    }
    for (String symbol : current.getEnumSymbols()) {
      if (!old.hasEnumSymbol(symbol)) {
        findings.report(
            Rule.ENUM_SYMBOL_ADD_HAS_DEFAULT,
            Finding.Direction.OLD_READS_NEW,
            file,
            at.path(),
            "symbol \""
                + symbol
                + "\" was added to enum \""
                + current.getName()
                + "\", whose released version has no default; old consumers can no longer read new"
                + " events carrying it.",
            "Release a default symbol (for example UNKNOWN) first, then add symbols in a later"
                + " release.");
      }
    }
  }

  /**
   * {@link Rule#ENUM_DEFAULT_NO_DELETE}: the default is what lets consumers of this version survive
   * symbols a later version adds. Nothing written today becomes unreadable, so the finding is about
   * later versions ({@link Finding.Direction#NEW_READS_LATER}), a break of the contract's policy.
   */
  static void enumDefaultNoDelete(
      Findings findings, Schema old, Schema current, Location at, String file) {
    String before = old.getEnumDefault();
    String after = current.getEnumDefault();
    if (before == null || before.equals(after)) {
      return;
    }
    String message =
        after == null
            ? "enum \""
                + current.getName()
                + "\" lost its default \""
                + before
                + "\"; events written today still read both ways, but consumers built on the new"
                + " schema will fail on any symbol a later version adds instead of reading it as \""
                + before
                + "\"."
            : "the default of enum \""
                + current.getName()
                + "\" changed from \""
                + before
                + "\" to \""
                + after
                + "\"; events written today still read both ways, but consumers built on the new"
                + " schema will read any symbol a later version adds as \""
                + after
                + "\", where older consumers read \""
                + before
                + "\".";
    findings
        .beyondAvro()
        .report(
            Rule.ENUM_DEFAULT_NO_DELETE,
            Finding.Direction.NEW_READS_LATER,
            file,
            at.path(),
            message,
            "Restore \"default\": \""
                + before
                + "\"; every enum of the contract keeps its default.");
  }
}
