package io.drwatch.adapter.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Base of the wire-level AWS fakes for what moto lacks: a JDK HTTP server on a loopback port that
 * records every request, answers it through {@link #answer} (the subclass parses the real protocol
 * and keeps state), and on demand answers the next requests with an injected fault or after a
 * delay (throttling, 5xx, a slow service). Handlers run on the fake's own threads, never on a
 * Vert.x loop; a delay there is the service being slow, not a test waiting.
 */
public abstract class LoopbackAwsFake implements AutoCloseable {
  private static final Pattern SCOPE = Pattern.compile("Credential=[^/]+/\\d{8}/([^/]+)/([^/]+)/aws4_request");

  /** One request as the SDK sent it; {@code region} and {@code service} from the SigV4 scope. */
  public record Request(String method, String path, Map<String, String> query, Map<String, String> headers,
      String body, String region, String service) {
    public Map<String, String> form() {
      return decode(body);
    }
  }

  /** One answer. */
  public record Reply(int status, Map<String, String> headers, String body) {}

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "aws-fake");
    t.setDaemon(true);
    return t;
  });
  private final List<Request> requests = new ArrayList<>();
  private record Fault(Predicate<Request> which, Reply reply) {}

  private final Deque<Fault> faults = new ConcurrentLinkedDeque<>();
  private final Deque<Duration> delays = new ConcurrentLinkedDeque<>();

  protected LoopbackAwsFake() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(threads);
    server.start();
  }

  /** What the service answers (called on the fake's thread; synchronise state). */
  protected abstract Reply answer(Request request);

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The next {@code times} requests get {@code reply} instead of an answer. */
  public void failNext(int times, Reply reply) {
    failNext(times, r -> true, reply);
  }

  /** The next {@code times} requests that match {@code which} get {@code reply}. */
  public void failNext(int times, Predicate<Request> which, Reply reply) {
    for (int i = 0; i < times; i++) {
      faults.add(new Fault(which, reply));
    }
  }

  /** The next {@code times} requests are answered only after {@code delay}. */
  public void delayNext(int times, Duration delay) {
    for (int i = 0; i < times; i++) {
      delays.add(delay);
    }
  }

  public synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  public synchronized void clearRequests() {
    requests.clear();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Map<String, String> headers = new LinkedHashMap<>();
      exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
      Matcher scope = SCOPE.matcher(headers.getOrDefault("authorization", ""));
      boolean signed = scope.find();
      URI uri = exchange.getRequestURI();
      Request request = new Request(exchange.getRequestMethod(), uri.getPath(), decode(uri.getRawQuery()), headers,
          body, signed ? scope.group(1) : "", signed ? scope.group(2) : "");
      synchronized (this) {
        requests.add(request);
      }
      Duration delay = delays.poll();
      if (delay != null) {
        Thread.sleep(delay.toMillis());
      }
      Fault fault = takeFault(request);
      Reply reply = fault != null ? fault.reply() : answer(request);
      byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
      reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      exchange.getResponseHeaders().add("x-amzn-RequestId", "fake-" + requests().size());
      exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // the client gave up (a timeout test): nothing to answer to
    }
  }

  private synchronized Fault takeFault(Request request) {
    for (Fault f : faults) {
      if (f.which().test(request)) {
        faults.remove(f);
        return f;
      }
    }
    return null;
  }

  /** {@code a=1&b=x%20y} as a map (form bodies and query strings). */
  public static Map<String, String> decode(String encoded) {
    Map<String, String> out = new LinkedHashMap<>();
    if (encoded == null || encoded.isEmpty()) {
      return out;
    }
    for (String pair : encoded.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return out;
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
