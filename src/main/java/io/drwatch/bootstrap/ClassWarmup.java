package io.drwatch.bootstrap;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Loads the network stack's classes on the starting thread. On a cold JVM the first connection,
 * query and bind otherwise load them on an event loop, which blocks it for hundreds of
 * milliseconds at a time (seen as blocked-thread warnings in the first seconds of a run, while
 * the first probes are already timed). Loading, not initialising: static initialisers still run
 * where they always did.
 */
final class ClassWarmup {
  private static final System.Logger LOG = System.getLogger(ClassWarmup.class.getName());
  private static final List<String> PREFIXES = List.of("io/vertx/core/", "io/vertx/pgclient/",
      "io/vertx/sqlclient/", "io/vertx/redis/", "io/vertx/ext/web/", "io/netty/buffer/",
      "io/netty/channel/", "io/netty/handler/codec/http/", "io/netty/util/", "io/netty/resolver/", "io/netty/handler/ssl/",
      "io/micrometer/", "io/prometheus/", "com/fasterxml/jackson/databind/", "io/drwatch/");
  private static volatile boolean done;

  private ClassWarmup() {}

  static synchronized void run() {
    if (done) {
      return;
    }
    done = true;
    long t0 = System.nanoTime();
    int loaded = 0;
    ClassLoader cl = ClassWarmup.class.getClassLoader();
    for (Path source : sources()) {
      for (String name : classNames(source)) {
        try {
          Class.forName(name, false, cl);
          loaded++;
        } catch (Throwable ignored) {
          // optional dependencies (native transports, codecs we do not ship) fail to link
        }
      }
    }
    LOG.log(Level.DEBUG, "warm-up loaded {0} classes in {1} ms", loaded, (System.nanoTime() - t0) / 1_000_000);
  }

  private static Set<Path> sources() {
    Set<Path> out = new LinkedHashSet<>();
    for (Class<?> anchor : List.of(io.vertx.core.Vertx.class, io.vertx.pgclient.PgBuilder.class,
        io.vertx.sqlclient.Pool.class, io.vertx.redis.client.Redis.class,
        io.vertx.ext.web.Router.class, io.netty.buffer.ByteBuf.class,
        io.netty.channel.Channel.class, io.netty.handler.codec.http.HttpMethod.class,
        // host names (verify-full needs them) and TLS: the DNS resolver and the SSL handler
        io.netty.resolver.dns.DnsNameResolver.class, io.netty.handler.ssl.SslContext.class,
        io.micrometer.core.instrument.MeterRegistry.class, ClassWarmup.class)) {
      CodeSource cs = anchor.getProtectionDomain().getCodeSource();
      try {
        if (cs != null) {
          out.add(Path.of(cs.getLocation().toURI()));
        }
      } catch (URISyntaxException | IllegalArgumentException ignored) {
        // an unusual class loader: nothing to warm from it
      }
    }
    return out;
  }

  private static List<String> classNames(Path source) {
    try {
      if (Files.isDirectory(source)) {
        try (Stream<Path> files = Files.walk(source)) {
          return files.map(p -> source.relativize(p).toString().replace('\\', '/'))
              .filter(ClassWarmup::wanted).map(ClassWarmup::toName).toList();
        }
      }
      try (JarFile jar = new JarFile(source.toFile())) {
        return jar.stream().map(JarEntry::getName).filter(ClassWarmup::wanted)
            .map(ClassWarmup::toName).toList();
      }
    } catch (IOException e) {
      return List.of();
    }
  }

  private static boolean wanted(String entry) {
    return entry.endsWith(".class") && !entry.contains("module-info")
        && !entry.startsWith("META-INF/") && PREFIXES.stream().anyMatch(entry::startsWith);
  }

  private static String toName(String entry) {
    return entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
  }
}
