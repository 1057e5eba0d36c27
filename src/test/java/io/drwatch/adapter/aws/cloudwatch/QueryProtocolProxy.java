package io.drwatch.adapter.aws.cloudwatch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A recording proxy in front of moto for AWS query-protocol services (CloudWatch, RDS): it parses
 * every form body the SDK sends, keeps it, and forwards it, so tests assert on what went over
 * the wire (how many GetMetricData calls, how many queries each). A test may {@link #intercept}
 * requests to answer them itself (throttling, a page with a NextToken) instead of forwarding.
 */
public final class QueryProtocolProxy implements AutoCloseable {
  /** The key under which each recorded form keeps the region its request was signed for. */
  public static final String REGION = "@region";
  private static final Pattern SCOPE = Pattern.compile("Credential=[^/]+/\\d{8}/([^/]+)/");
  private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");

  /** An answer of our own instead of moto's. */
  public record Canned(int status, String xml) {}

  private final HttpServer server;
  private final ExecutorService pool = Executors.newFixedThreadPool(4);
  private final URI upstream;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final ConcurrentLinkedQueue<Map<String, String>> seen = new ConcurrentLinkedQueue<>();
  private volatile Function<Map<String, String>, Canned> interceptor = form -> null;
  private volatile java.util.function.UnaryOperator<String> rewrite = body -> body;

  public QueryProtocolProxy(URI upstream) throws IOException {
    this.upstream = upstream;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(pool);
    server.start();
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Answers requests for which {@code f} returns non-null; the rest go to moto. */
  public void intercept(Function<Map<String, String>, Canned> f) {
    interceptor = f;
  }

  /** Edits moto's response bodies, to correct what moto gets wrong (say which, where used). */
  public void rewrite(java.util.function.UnaryOperator<String> f) {
    rewrite = f;
  }

  /** Every parsed form seen with {@code Action=action}, in order. */
  public List<Map<String, String>> requests(String action) {
    return seen.stream().filter(f -> action.equals(f.get("Action"))).toList();
  }

  public void clear() {
    seen.clear();
  }

  /** How many {@code prefix.member.N.Id}-style entries a request lists, e.g. MetricDataQueries. */
  public static int members(Map<String, String> form, String list) {
    int n = 0;
    while (form.containsKey(list + ".member." + (n + 1) + ".Id")) {
      n++;
    }
    return n;
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] body = ex.getRequestBody().readAllBytes();
      Map<String, String> form = parse(new String(body, StandardCharsets.UTF_8));
      // Recorded beside the form (not forwarded): the region the SDK signed for, from SigV4's scope.
      Matcher scope = SCOPE.matcher(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
      form.put(REGION, scope.find() ? scope.group(1) : "");
      seen.add(form);
      Canned canned = interceptor.apply(form);
      if (canned != null) {
        reply(ex, canned.status(), "text/xml", canned.xml().getBytes(StandardCharsets.UTF_8));
        return;
      }
      HttpRequest.Builder out = HttpRequest.newBuilder(upstream.resolve(ex.getRequestURI().toString()))
          .timeout(Duration.ofSeconds(20))
          .method(ex.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
      ex.getRequestHeaders().forEach((k, vs) -> {
        if (!RESTRICTED.contains(k.toLowerCase())) {
          vs.forEach(v -> out.header(k, v));
        }
      });
      HttpResponse<byte[]> resp = http.send(out.build(), HttpResponse.BodyHandlers.ofByteArray());
      byte[] answer = rewrite.apply(new String(resp.body(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
      reply(ex, resp.statusCode(), resp.headers().firstValue("Content-Type").orElse("text/xml"), answer);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void reply(HttpExchange ex, int status, String type, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(body);
    }
  }

  static Map<String, String> parse(String body) {
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      form.put(k, v);
    }
    return form;
  }

  /** A query-protocol error body, e.g. {@code Throttling}. */
  public static Canned error(int status, String ns, String code, String message) {
    return new Canned(status, "<ErrorResponse xmlns=\"" + ns + "\"><Error><Type>Sender</Type><Code>" + code
        + "</Code><Message>" + message + "</Message></Error><RequestId>proxy</RequestId></ErrorResponse>");
  }

  static List<String> keys(Map<String, String> form, String prefix) {
    List<String> out = new ArrayList<>();
    form.keySet().stream().filter(k -> k.startsWith(prefix)).forEach(out::add);
    return out;
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
