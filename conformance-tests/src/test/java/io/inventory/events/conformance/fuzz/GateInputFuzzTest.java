package io.inventory.events.conformance.fuzz;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.inventory.events.compatibility.CompatibilityGate;
import io.inventory.events.conformance.ContractFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Hostile files into the compatibility gate's readers: the working schemas with one {@code .avsc}
 * mutated (its text or its JSON tree) and compared against release 1.0.0, and the AsyncAPI document
 * mutated the same way. The gate must report findings, or fail with the documented {@link
 * UncheckedIOException} for a file it cannot read, within the deadline.
 */
class GateInputFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final FuzzRun SCHEMAS = run("gate: mutated .avsc");
  private static final FuzzRun ASYNCAPI = run("gate: mutated AsyncAPI document");

  private static Path workingCopy;
  private static List<Path> schemaFiles;
  private static Path asyncApiCopy;
  private static String asyncApiText;

  @BeforeContainer
  static void copyTheContract() throws IOException {
    Path root = ContractFiles.root();
    workingCopy = Files.createTempDirectory(Path.of("target"), "gate-fuzz-");
    schemaFiles = new ArrayList<>();
    for (String part : List.of("common", "events")) {
      Files.createDirectories(workingCopy.resolve(part));
      try (Stream<Path> files = Files.list(root.resolve("schemas").resolve(part))) {
        for (Path file : files.sorted().toList()) {
          schemaFiles.add(Files.copy(file, workingCopy.resolve(part).resolve(file.getFileName())));
        }
      }
    }
    asyncApiText = Files.readString(ContractFiles.asyncApiFile());
    asyncApiCopy = workingCopy.resolve("asyncapi.yaml");
  }

  @AfterContainer
  static void report() throws IOException {
    for (FuzzRun run : List.of(SCHEMAS, ASYNCAPI)) {
      System.out.println(run.summary());
      run.close();
    }
    System.out.println("[fuzz] gate total: " + (SCHEMAS.inputs() + ASYNCAPI.inputs()) + " inputs");
    try (Stream<Path> all = Files.walk(workingCopy)) {
      for (Path path : all.sorted(Comparator.reverseOrder()).toList()) Files.delete(path);
    }
  }

  @Property(generation = GenerationMode.RANDOMIZED)
  void mutatedSchema(@ForAll long seed) throws IOException {
    Random random = new Random(seed);
    Path file = schemaFiles.get(random.nextInt(schemaFiles.size()));
    String original = Files.readString(file);
    String mutated =
        random.nextBoolean()
            ? JsonMutations.mutateText(original, random)
            : JSON.writeValueAsString(JsonMutations.mutateTree(JSON.readTree(original), random));
    Files.writeString(file, mutated);
    try {
      SCHEMAS.feed(file.getFileName() + ": " + mutated, () -> gate().check());
    } finally {
      Files.writeString(file, original);
    }
  }

  @Property(generation = GenerationMode.RANDOMIZED)
  void mutatedAsyncApi(@ForAll long seed) throws IOException {
    Random random = new Random(seed);
    String mutated =
        random.nextBoolean()
            ? JsonMutations.mutateText(asyncApiText, random)
            : JSON.writeValueAsString(
                JsonMutations.mutateTree(
                    ContractFiles.readYaml(ContractFiles.asyncApiFile()), random));
    Files.writeString(asyncApiCopy, mutated);
    ASYNCAPI.feed(
        mutated,
        () ->
            CompatibilityGate.newBuilder()
                .schemas(ContractFiles.root().resolve("schemas"))
                .asyncApi(asyncApiCopy)
                .build()
                .check());
  }

  private static CompatibilityGate gate() {
    return CompatibilityGate.newBuilder()
        .schemas(workingCopy)
        .release("1.0.0", ContractFiles.root().resolve("schemas/releases/1.0.0"))
        .build();
  }

  private static FuzzRun run(String target) {
    return new FuzzRun(target, thrown -> thrown instanceof UncheckedIOException);
  }
}
