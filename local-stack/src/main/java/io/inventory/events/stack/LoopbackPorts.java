package io.inventory.events.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/** Free TCP ports on 127.0.0.1: picked by the kernel, and checked again after a component stops. */
final class LoopbackPorts {
  static final String HOST = "127.0.0.1";
  private static final int BIND_ATTEMPTS = 3;

  private LoopbackPorts() {}

  /** Picks {@code count} distinct free ports; all are held open together so none repeats. */
  static List<Integer> pick(int count) {
    List<ServerSocket> held = new ArrayList<>();
    try {
      List<Integer> ports = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket();
        held.add(socket);
        socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
        ports.add(socket.getLocalPort());
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not pick a free port on " + HOST, e);
    } finally {
      for (ServerSocket socket : held) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // closing a never-used listening socket cannot lose anything
        }
      }
    }
  }

  /** True when nothing listens on the port, so a new server could bind it. */
  static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      // connections of the stopped server may linger in TIME_WAIT; they do not hold the port
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Runs {@code start} with attempt numbers 1, 2, 3 for as long as it fails because a port picked
   * for it was taken by someone else before the server bound it. {@code start} picks fresh ports
   * and cleans up after itself when it fails.
   */
  static <T> T retryWhilePortTaken(IntFunction<T> start) {
    StackStartException last = null;
    for (int attempt = 1; attempt <= BIND_ATTEMPTS; attempt++) {
      try {
        return start.apply(attempt);
      } catch (StackStartException e) {
        if (!isBindFailure(e)) throw e;
        last = e;
      }
    }
    throw last;
  }

  static boolean isBindFailure(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof java.net.BindException) return true;
      String message = t.getMessage();
      if (message != null && message.contains("Address already in use")) return true;
    }
    return false;
  }
}
