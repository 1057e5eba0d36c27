package io.drwatch.adapter.redis;

import io.drwatch.schema.ParamException;
import io.drwatch.schema.ParamSpec;
import io.drwatch.schema.Params;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The two Redis servers a re-protection step talks to (redis-replicaof, redis-failover): step
 * parameter {@code url} and one other, both reached with the same password and CA bundle, and
 * never the same server.
 */
record RedisPair(URI url, URI other, Optional<String> password, Optional<Path> caFile) {

  /** A required {@code redis://} or {@code rediss://} server parameter. */
  static ParamSpec server(String name, String doc) {
    return ParamSpec.url(name).asRequired().allowing("redis", "rediss").doc(doc);
  }

  static ParamSpec caFileSpec() {
    return ParamSpec.string("caFile").doc("PEM bundle the servers' TLS certificates are checked against; default:"
        + " the JVM trust store");
  }

  /** Reads {@code url} and {@code otherKey}; one server named twice is {@code otherKey}'s fault. */
  static RedisPair parse(Params p, String otherKey) {
    URI url = p.url("url");
    URI other = p.url(otherKey);
    if (url.getHost().equalsIgnoreCase(other.getHost()) && RedisNode.port(url) == RedisNode.port(other)) {
      throw new ParamException(otherKey, "must be another server than url");
    }
    return new RedisPair(url, other, p.optionalString("password").filter(s -> !s.isEmpty()),
        p.optionalString("caFile").map(String::strip).filter(s -> !s.isEmpty()).map(Path::of));
  }

  RedisNode node() {
    return RedisNode.of(url, password, caFile);
  }

  RedisNode otherNode() {
    return RedisNode.of(other, password, caFile);
  }
}
