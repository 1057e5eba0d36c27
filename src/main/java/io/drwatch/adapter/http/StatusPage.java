package io.drwatch.adapter.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The status page at {@code GET /}: static HTML, JS and CSS from the classpath, read once when
 * the router is built (off the event loop), then served from memory. The page reads the JSON
 * APIs itself, so serving it never touches a board or a remote system.
 */
public final class StatusPage {
  private static final String BASE = "/io/drwatch/status/";
  // The page loads nothing from anywhere but this daemon: no CDN, no font, no inline script.
  private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
      + "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; "
      + "frame-ancestors 'none'";

  private StatusPage() {}

  /** Mounts {@code /}, {@code /status.js} and {@code /status.css}; fails if a file is missing. */
  public static void mount(Router router) {
    serve(router, "/", "index.html", "text/html; charset=utf-8");
    serve(router, "/status.js", "status.js", "text/javascript; charset=utf-8");
    serve(router, "/status.css", "status.css", "text/css; charset=utf-8");
  }

  private static void serve(Router router, String path, String file, String type) {
    byte[] body = read(file);
    router.get(path).handler(rc -> rc.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, type)
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Content-Security-Policy", POLICY)
        .putHeader("Referrer-Policy", "no-referrer")
        .end(Buffer.buffer(body)));
  }

  private static byte[] read(String file) {
    try (InputStream in = StatusPage.class.getResourceAsStream(BASE + file)) {
      if (in == null) {
        throw new IllegalStateException("status page resource missing from the classpath: " + BASE + file);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read status page resource " + BASE + file, e);
    }
  }
}
