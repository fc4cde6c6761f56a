package io.inventory.events.conformance;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A program the suite runs to completion as a child process (the AsyncAPI CLI, npm, Chromium, the
 * Python and Node examples): in a directory, with extra environment variables and optional input,
 * killed with its children when its deadline passes. Output goes through files, so a chatty program
 * never blocks on a full pipe.
 */
public final class ChildProcess {
  /** How a run ended and what it printed. */
  public record Result(List<String> command, int exitCode, String stdout, String stderr) {
    /** This result if the program exited 0; otherwise an error with the command and its output. */
    public Result requireSuccess() {
      if (exitCode != 0) {
        throw new AssertionError(
            String.join(" ", command) + " exited " + exitCode + "\n" + stdout + "\n" + stderr);
      }
      return this;
    }

    /** Standard output then standard error, for messages and assertions on either. */
    public String output() {
      return stdout + stderr;
    }
  }

  private final List<String> command;
  private final Map<String, String> environment = new HashMap<>();
  private Path directory = ContractFiles.root();
  private Duration timeout = Duration.ofMinutes(2);
  private String input;

  private ChildProcess(List<String> command) {
    this.command = List.copyOf(command);
  }

  public static ChildProcess of(List<String> command) {
    return new ChildProcess(command);
  }

  public static ChildProcess of(String... command) {
    return new ChildProcess(List.of(command));
  }

  /** The working directory; the repository root unless set. */
  public ChildProcess directory(Path directory) {
    this.directory = directory;
    return this;
  }

  public ChildProcess environment(String name, String value) {
    environment.put(name, value);
    return this;
  }

  /** How long it may run before it is killed and the run fails; 2 minutes unless set. */
  public ChildProcess timeout(Duration timeout) {
    this.timeout = timeout;
    return this;
  }

  /** Text for its standard input (UTF-8); none unless set. */
  public ChildProcess input(String input) {
    this.input = input;
    return this;
  }

  /**
   * Runs it to completion.
   *
   * @throws AssertionError if it does not finish within the timeout (it is killed first)
   * @throws UncheckedIOException if it cannot be started, for example when it is not installed
   */
  public Result run() {
    Path stdout = null;
    Path stderr = null;
    Path stdin = null;
    try {
      stdout = Files.createTempFile("child-out", ".txt");
      stderr = Files.createTempFile("child-err", ".txt");
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectOutput(stdout.toFile())
              .redirectError(stderr.toFile());
      builder.environment().putAll(environment);
      if (input != null) {
        stdin = Files.writeString(Files.createTempFile("child-in", ".txt"), input);
        builder.redirectInput(stdin.toFile());
      } else {
        builder.redirectInput(new File("/dev/null"));
      }
      Process process = builder.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor();
        throw new AssertionError(
            String.join(" ", command)
                + " did not finish within "
                + timeout.toSeconds()
                + " s\n"
                + Files.readString(stdout, StandardCharsets.UTF_8)
                + Files.readString(stderr, StandardCharsets.UTF_8));
      }
      return new Result(
          command,
          process.exitValue(),
          Files.readString(stdout, StandardCharsets.UTF_8),
          Files.readString(stderr, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Could not run " + String.join(" ", command) + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted while running " + String.join(" ", command), e);
    } finally {
      deleteQuietly(stdout);
      deleteQuietly(stderr);
      deleteQuietly(stdin);
    }
  }

  private static void deleteQuietly(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // a leftover temp file is harmless
    }
  }
}
