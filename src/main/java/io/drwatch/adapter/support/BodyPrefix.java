package io.drwatch.adapter.support;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import java.nio.charset.StandardCharsets;

/**
 * The first bytes of a response body as text: a huge or endless body can neither hold the caller
 * nor fill its memory.
 */
public final class BodyPrefix {
  private BodyPrefix() {}

  /** Reads at most {@code max} bytes of the body, then drops the connection. */
  public static Future<String> read(HttpClientResponse response, int max) {
    Promise<String> text = Promise.promise();
    Buffer bytes = Buffer.buffer();
    response.exceptionHandler(text::tryFail);
    response.endHandler(end -> text.tryComplete(bytes.toString(StandardCharsets.UTF_8)));
    response.handler(chunk -> {
      bytes.appendBuffer(chunk, 0, Math.min(chunk.length(), max - bytes.length()));
      if (bytes.length() >= max && text.tryComplete(bytes.toString(StandardCharsets.UTF_8))) {
        response.request().reset();
      }
    });
    return text.future();
  }
}
