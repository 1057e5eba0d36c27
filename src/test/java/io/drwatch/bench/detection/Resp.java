package io.drwatch.bench.detection;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Just enough RESP for the bench: one command with a short timeout (a frozen server must not
 * hang the driver, which redis-cli would), and reading pushed pub/sub messages.
 */
final class Resp implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;

  Resp(int port, int timeoutMs) throws IOException {
    socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), timeoutMs);
    socket.setSoTimeout(timeoutMs);
    in = new BufferedInputStream(socket.getInputStream());
  }

  /** One command on a fresh connection; the reply flattened to its strings. */
  static List<String> call(int port, int timeoutMs, String... args) throws IOException {
    try (Resp r = new Resp(port, timeoutMs)) {
      r.send(args);
      return r.read();
    }
  }

  void send(String... args) throws IOException {
    StringBuilder b = new StringBuilder("*").append(args.length).append("\r\n");
    for (String a : args) {
      b.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a)
          .append("\r\n");
    }
    OutputStream out = socket.getOutputStream();
    out.write(b.toString().getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  void timeout(int ms) throws IOException {
    socket.setSoTimeout(ms);
  }

  /** The next reply, flattened: nested arrays become one list of strings. */
  List<String> read() throws IOException {
    List<String> out = new ArrayList<>();
    readInto(out);
    return out;
  }

  private void readInto(List<String> out) throws IOException {
    String line = line();
    char type = line.charAt(0);
    String rest = line.substring(1);
    switch (type) {
      case '+', ':' -> out.add(rest);
      case '-' -> throw new IOException("redis error: " + rest);
      case '$' -> {
        int n = Integer.parseInt(rest);
        if (n >= 0) {
          byte[] data = in.readNBytes(n + 2);
          out.add(new String(data, 0, n, StandardCharsets.UTF_8));
        }
      }
      case '*' -> {
        int n = Integer.parseInt(rest);
        for (int i = 0; i < n; i++) {
          readInto(out);
        }
      }
      default -> throw new IOException("unexpected reply: " + line);
    }
  }

  private String line() throws IOException {
    StringBuilder b = new StringBuilder();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\r') {
        in.read();
        return b.toString();
      }
      b.append((char) c);
    }
    throw new IOException("connection closed");
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
