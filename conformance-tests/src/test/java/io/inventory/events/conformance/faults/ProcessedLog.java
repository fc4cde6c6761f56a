package io.inventory.events.conformance.faults;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Follows the file one {@link KilledConsumer} process appends eventIds to (one file per process),
 * feeding each complete line into a ledger exactly once; a line cut short by the kill is never
 * completed and never counted.
 */
final class ProcessedLog {
  private final Path file;
  private final EventLedger ledger;
  private long position;
  private final StringBuilder partial = new StringBuilder();

  ProcessedLog(Path file, EventLedger ledger) {
    this.file = file;
    this.ledger = ledger;
  }

  /** Reads what was appended since the last call; returns the ledger's distinct count. */
  synchronized int catchUp() {
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long length = in.length();
      if (length > position) {
        byte[] bytes = new byte[(int) (length - position)];
        in.seek(position);
        in.readFully(bytes);
        position = length;
        partial.append(new String(bytes, UTF_8));
        int end;
        while ((end = partial.indexOf("\n")) >= 0) {
          ledger.received(partial.substring(0, end));
          partial.delete(0, end + 1);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e, e);
    }
    return ledger.distinctReceived();
  }
}
