package io.inventory.events.conformance.languages;

import static org.assertj.core.api.Assertions.assertThat;

import io.inventory.events.conformance.ContractFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** docs/other-languages.md quotes the tested programs; it never shows code that no test ran. */
@DisplayName("The other-languages guide quotes the tested example programs")
class OtherLanguagesGuideTest {
  private static final Path GUIDE = ContractFiles.root().resolve("docs/other-languages.md");
  private static final Pattern CODE_BLOCK =
      Pattern.compile("^```(python|js)\\n(.*?)^```$", Pattern.MULTILINE | Pattern.DOTALL);
  private static final Map<String, Path> EXAMPLES_BY_LANGUAGE =
      Map.of("python", ExamplePrograms.PYTHON_EXAMPLES, "js", ExamplePrograms.NODE_EXAMPLES);

  @Test
  @DisplayName(
      "every Python and JavaScript excerpt is a verbatim excerpt of a file in docs/examples")
  void everyExcerptIsInAnExampleFile() {
    Matcher blocks = CODE_BLOCK.matcher(read(GUIDE));
    List<String> excerpts = new ArrayList<>();
    while (blocks.find()) {
      String excerpt = blocks.group(2);
      excerpts.add(excerpt);
      List<String> sources = sources(EXAMPLES_BY_LANGUAGE.get(blocks.group(1)));
      assertThat(sources)
          .as("a %s example file containing:%n%s", blocks.group(1), excerpt)
          .anyMatch(source -> source.contains(excerpt));
    }
    assertThat(excerpts).as("excerpts in %s", GUIDE).hasSizeGreaterThanOrEqualTo(8);
  }

  private static List<String> sources(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(OtherLanguagesGuideTest::read).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
