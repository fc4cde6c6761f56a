package io.inventory.events.conformance.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on 127.0.0.1 in front of the registry, byte for byte, that a test cuts and restores:
 * {@link #cut()} closes the listening socket and every open connection, so clients see the registry
 * as down (connection refused); {@link #restore()} listens on the same port again.
 */
final class RegistryTcpProxy implements AutoCloseable {
  private final InetSocketAddress upstream;
  private final int port;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private ServerSocket listener;

  /**
   * @param registryUrl the real registry's URL, e.g. http://127.0.0.1:8080/apis/ccompat/v7
   */
  RegistryTcpProxy(String registryUrl) throws IOException {
    URI url = URI.create(registryUrl);
    this.upstream = new InetSocketAddress(url.getHost(), url.getPort());
    this.listener = listen(0);
    this.port = listener.getLocalPort();
  }

  /** {@code registryUrl} with the proxy's port in place of the registry's. */
  String url(String registryUrl) {
    URI url = URI.create(registryUrl);
    return url.getScheme() + "://127.0.0.1:" + port + url.getRawPath();
  }

  /** The registry is down from now on: nothing listens and every open connection is reset. */
  synchronized void cut() throws IOException {
    listener.close();
    for (Socket socket : open) {
      socket.close();
    }
    open.clear();
  }

  /** The registry is reachable again, on the same port. */
  synchronized void restore() throws IOException {
    listener = listen(port);
  }

  private ServerSocket listen(int onPort) throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort));
    Thread acceptor = new Thread(() -> accept(socket), "registry-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
    return socket;
  }

  private void accept(ServerSocket socket) {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        Socket server = new Socket(upstream.getAddress(), upstream.getPort());
        open.add(client);
        open.add(server);
        pump(client, server);
        pump(server, client);
      } catch (IOException e) {
        return; // cut: the listener is closed
      }
    }
  }

  private void pump(Socket from, Socket to) {
    Thread thread =
        new Thread(
            () -> {
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
              } catch (IOException e) {
                // the other side closed, or the proxy was cut
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "registry-proxy-pump");
    thread.setDaemon(true);
    thread.start();
  }

  private void closeQuietly(Socket socket) {
    open.remove(socket);
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public synchronized void close() throws IOException {
    cut();
  }
}
