package io.inventory.events.stack;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongConsumer;
import java.util.zip.GZIPInputStream;

/**
 * Reads a {@code .tar.gz} (ustar, pax and GNU long names) into a directory, with no dependency
 * beyond the JDK. Only regular files and directories are written; links are skipped (the registry
 * distribution has none). Entries that would land outside the target directory are refused.
 */
final class TarGzArchive {
  private static final int BLOCK = 512;

  private final Path archive;

  TarGzArchive(Path archive) {
    this.archive = archive;
  }

  /**
   * Extracts every entry under {@code target}; {@code progress} receives compressed bytes read so
   * far.
   */
  void extractTo(Path target, LongConsumer progress) throws IOException {
    Files.createDirectories(target);
    Path root = target.toAbsolutePath().normalize();
    try (CountingInputStream counting =
            new CountingInputStream(Files.newInputStream(archive), progress);
        InputStream in = new BufferedInputStream(new GZIPInputStream(counting, 1 << 16), 1 << 16)) {
      byte[] header = new byte[BLOCK];
      String longName = null;
      String paxPath = null;
      while (readBlock(in, header)) {
        if (isZero(header)) break;
        String name = text(header, 0, 100);
        long size = octal(header, 124, 12);
        char type = (char) header[156];
        if ("ustar".equals(text(header, 257, 5))) {
          String prefix = text(header, 345, 155);
          if (!prefix.isEmpty()) name = prefix + "/" + name;
        }
        if (type == 'x') {
          paxPath = paxPath(readData(in, size));
          continue;
        }
        if (type == 'L') {
          longName = text(readData(in, size), 0, (int) size);
          continue;
        }
        if (type == 'g') {
          readData(in, size);
          continue;
        }
        if (paxPath != null) name = paxPath;
        if (longName != null) name = longName;
        paxPath = null;
        longName = null;

        Path out = root.resolve(name).normalize();
        if (!out.startsWith(root)) {
          throw new IOException("Entry \"" + name + "\" of " + archive + " points outside " + root);
        }
        if (type == '5') {
          Files.createDirectories(out);
        } else if (type == '0' || type == '\0' || type == '7') {
          Files.createDirectories(out.getParent());
          try (OutputStream file = Files.newOutputStream(out)) {
            copy(in, file, size);
          }
          skipPadding(in, size);
        } else {
          readData(in, size);
        }
      }
    }
  }

  private static byte[] readData(InputStream in, long size) throws IOException {
    if (size > Integer.MAX_VALUE) throw new IOException("tar header entry too large: " + size);
    byte[] data = in.readNBytes((int) size);
    if (data.length != size) throw new EOFException("truncated tar archive");
    skipPadding(in, size);
    return data;
  }

  private static void copy(InputStream in, OutputStream out, long size) throws IOException {
    byte[] buffer = new byte[1 << 16];
    long left = size;
    while (left > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) throw new EOFException("truncated tar archive");
      out.write(buffer, 0, n);
      left -= n;
    }
  }

  private static void skipPadding(InputStream in, long size) throws IOException {
    long padding = (BLOCK - size % BLOCK) % BLOCK;
    in.skipNBytes(padding);
  }

  private static boolean readBlock(InputStream in, byte[] block) throws IOException {
    int n = in.readNBytes(block, 0, BLOCK);
    if (n == 0) return false;
    if (n < BLOCK) throw new EOFException("truncated tar header");
    return true;
  }

  private static boolean isZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) return false;
    }
    return true;
  }

  private static String text(byte[] bytes, int offset, int length) {
    int end = offset;
    while (end < offset + length && end < bytes.length && bytes[end] != 0) end++;
    return new String(bytes, offset, end - offset, StandardCharsets.UTF_8);
  }

  private static long octal(byte[] bytes, int offset, int length) throws IOException {
    String value = text(bytes, offset, length).trim();
    if (value.isEmpty()) return 0;
    try {
      return Long.parseLong(value, 8);
    } catch (NumberFormatException e) {
      throw new IOException("Unsupported tar size field \"" + value + "\"", e);
    }
  }

  /** Pax records are "LEN key=value\n", LEN counting bytes; only the path matters here. */
  private static String paxPath(byte[] data) {
    String path = null;
    int i = 0;
    while (i < data.length) {
      int space = i;
      while (space < data.length && data[space] != ' ') space++;
      if (space >= data.length) break;
      int length = Integer.parseInt(new String(data, i, space - i, StandardCharsets.US_ASCII));
      if (length <= 0 || i + length > data.length) break;
      String record = new String(data, space + 1, i + length - space - 2, StandardCharsets.UTF_8);
      if (record.startsWith("path=")) path = record.substring("path=".length());
      i += length;
    }
    return path;
  }

  private static final class CountingInputStream extends java.io.FilterInputStream {
    private final LongConsumer progress;
    private long count;

    CountingInputStream(InputStream in, LongConsumer progress) {
      super(in);
      this.progress = progress;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) progress.accept(++count);
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) progress.accept(count += n);
      return n;
    }
  }
}
