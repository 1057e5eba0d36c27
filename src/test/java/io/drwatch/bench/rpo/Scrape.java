package io.drwatch.bench.rpo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalDouble;

/** One Prometheus text scrape, and the value of a series picked by name and label fragments. */
record Scrape(String body) {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  static Scrape of(String url) {
    try {
      HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build();
      return new Scrape(HTTP.send(req, HttpResponse.BodyHandlers.ofString()).body());
    } catch (Exception e) {
      return new Scrape("");
    }
  }

  /** The first sample of {@code name} whose label set contains every fragment, e.g. {@code channel="a"}. */
  OptionalDouble value(String name, String... fragments) {
    for (String line : body.split("\n")) {
      if (!(line.startsWith(name + " ") || line.startsWith(name + "{"))) {
        continue;
      }
      boolean all = true;
      for (String f : fragments) {
        all &= line.contains(f);
      }
      if (all) {
        double v = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        return Double.isNaN(v) ? OptionalDouble.empty() : OptionalDouble.of(v);
      }
    }
    return OptionalDouble.empty();
  }
}
