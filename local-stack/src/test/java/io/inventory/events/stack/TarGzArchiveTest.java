package io.inventory.events.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Unpacking a tar.gz")
class TarGzArchiveTest {
  @TempDir Path dir;

  @Test
  @DisplayName("writes directories and files, with pax, GNU and ustar-prefix long names")
  void extractsEveryKindOfName() throws IOException {
    String paxName = "lib/main/" + "p".repeat(120) + ".jar";
    String gnuName = "lib/boot/" + "g".repeat(110) + ".jar";
    Path archive =
        tarGz(
            out -> {
              entry(out, "lib/", '5', new byte[0]);
              entry(out, "PaxHeaders/x", 'x', pax("path", paxName));
              entry(out, "ignored-short-name", '0', bytes("pax content"));
              entry(out, "././@LongLink", 'L', (gnuName + "\0").getBytes(StandardCharsets.UTF_8));
              entry(out, "ignored-too", '0', bytes("gnu content"));
              entry(out, "quarkus-run.jar", '0', bytes("x".repeat(1500)));
            });

    new TarGzArchive(archive).extractTo(dir.resolve("out"), read -> {});

    assertThat(dir.resolve("out").resolve(paxName)).hasContent("pax content");
    assertThat(dir.resolve("out").resolve(gnuName)).hasContent("gnu content");
    assertThat(dir.resolve("out/quarkus-run.jar")).hasContent("x".repeat(1500));
    assertThat(dir.resolve("out/ignored-short-name")).doesNotExist();
  }

  @Test
  @DisplayName("refuses an entry that would land outside the target directory")
  void refusesPathTraversal() throws IOException {
    Path archive = tarGz(out -> entry(out, "../escaped.txt", '0', bytes("no")));

    assertThatThrownBy(() -> new TarGzArchive(archive).extractTo(dir.resolve("out"), read -> {}))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "Entry \"../escaped.txt\" of "
                + archive
                + " points outside "
                + dir.resolve("out").toAbsolutePath());
    assertThat(dir.resolve("escaped.txt")).doesNotExist();
  }

  @Test
  @DisplayName(
      "finds the registry from an explicit archive and unpacks it once into the work directory")
  void distributionFromExplicitArchiveIsUnpackedOnce() throws IOException {
    Path archive = tarGz(out -> entry(out, "quarkus-run.jar", '0', bytes("runner")));
    StackEnvironment environment =
        StackEnvironment.of(
            Map.of("inventory.stack.registry.archive", archive.toString()), Map.of());
    StringBuilder progress = new StringBuilder();

    Path home =
        RegistryDistribution.locate(
            environment, dir.resolve("work"), line -> progress.append(line).append('\n'));
    Path again =
        RegistryDistribution.locate(
            environment, dir.resolve("work"), line -> progress.append(line).append('\n'));

    assertThat(home).isEqualTo(dir.resolve("work/apicurio-registry-3.3.3")).isEqualTo(again);
    assertThat(home.resolve("quarkus-run.jar")).hasContent("runner");
    assertThat(progress.toString())
        .startsWith("Unpacking Apicurio Registry 3.3.3 (0 MiB) from " + archive)
        .containsOnlyOnce("Unpacking");
    try (var leftovers = Files.list(dir.resolve("work"))) {
      assertThat(leftovers).containsExactly(home);
    }
  }

  @Test
  @DisplayName("an explicit home without quarkus-run.jar is refused with the variable to fix")
  void explicitHomeWithoutRunnerIsRefused() {
    StackEnvironment environment =
        StackEnvironment.of(Map.of(), Map.of("APICURIO_REGISTRY_HOME", dir.toString()));

    assertThatThrownBy(() -> RegistryDistribution.locate(environment, dir, line -> {}))
        .isInstanceOf(MissingPrerequisiteException.class)
        .hasMessage(
            "The Apicurio Registry home \""
                + dir
                + "\" (system property inventory.stack.registry.home or env"
                + " APICURIO_REGISTRY_HOME) has no quarkus-run.jar. Point it at the unpacked"
                + " apicurio-registry-app-3.3.3-all.tar.gz.");
  }

  // ---- a minimal tar writer for the fixtures ----

  interface Entries {
    void write(OutputStream out) throws IOException;
  }

  private Path tarGz(Entries entries) throws IOException {
    Path archive = dir.resolve("fixture.tar.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(archive))) {
      entries.write(out);
      out.write(new byte[1024]);
    }
    return archive;
  }

  private static void entry(OutputStream out, String name, char type, byte[] content)
      throws IOException {
    byte[] header = new byte[512];
    put(header, 0, name.length() > 100 ? name.substring(0, 100) : name);
    put(header, 100, "0000644");
    put(header, 124, String.format("%011o", content.length));
    put(header, 136, "00000000000");
    header[156] = (byte) type;
    put(header, 257, "ustar");
    put(header, 263, "00");
    out.write(header);
    out.write(content);
    out.write(new byte[(512 - content.length % 512) % 512]);
  }

  private static void put(byte[] header, int offset, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(bytes, 0, header, offset, bytes.length);
  }

  private static byte[] pax(String key, String value) {
    String body = " " + key + "=" + value + "\n";
    int length = body.length();
    while (String.valueOf(length).length() + body.length() != length)
      length = String.valueOf(length).length() + body.length();
    return (length + body).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
