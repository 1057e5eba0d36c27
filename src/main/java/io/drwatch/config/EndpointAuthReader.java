package io.drwatch.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads how drwatch authenticates to a database endpoint and checks the server: {@code password} /
 * {@code passwordFile}, {@code caFile} and {@code iamAuth}, against the endpoint's canonical url.
 * Shared by channel endpoints and detection targets, so both follow the same rules.
 */
final class EndpointAuthReader {

  /** The keys this reader owns, for {@code rejectUnknown}. */
  static final String[] KEYS = {"password", "passwordFile", "caFile", "iamAuth"};

  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");
  private static final Pattern CACHE_NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");

  record Auth(Optional<Secret> password, Optional<Path> caFile, Optional<IamAuth> iamAuth) {}

  private EndpointAuthReader() {}

  /**
   * @param password the endpoint's {@code password}/{@code passwordFile}, read by the caller
   * @param url the canonical url, empty when it was invalid (its own error is reported already)
   */
  static Auth read(Node node, Optional<Secret> password, Optional<String> url) {
    Optional<Path> caFile = caFile(node, url);
    Optional<IamAuth> iam = node.object("iamAuth").flatMap(EndpointAuthReader::iamAuth);
    if (iam.isPresent() && url.isPresent() && url.get().startsWith("http")) {
      node.error("iamAuth", "only for PostgreSQL and Redis endpoints (OpenSearch signs with params.auth: sigv4)");
    } else if (iam.isPresent() && url.isPresent()) {
      fitsUrl(node, iam.get(), url.get());
    }
    if (iam.isPresent() && (node.has("password") || node.has("passwordFile"))) {
      node.error("iamAuth", "give " + (node.has("password") ? "password" : "passwordFile")
          + " or iamAuth, not both (iamAuth signs a token in place of a password)");
    }
    return new Auth(password, caFile, iam);
  }

  private static Optional<Path> caFile(Node node, Optional<String> url) {
    Optional<String> text = ConfigLoader.nonEmpty(node, "caFile");
    if (text.isEmpty()) {
      return Optional.empty();
    }
    if (url.isPresent() && !EndpointUrls.mayUseTls(url.get())) {
      node.error("caFile", "needs a TLS connection: rediss://, https://, or a postgresql url without sslmode=disable");
      return Optional.empty();
    }
    try {
      Path path = Path.of(text.get());
      certificates(path);
      return Optional.of(path);
    } catch (InvalidPathException e) {
      node.invalid("caFile", "must be a valid path (" + e.getReason() + ")", text.get());
    } catch (IllegalArgumentException e) {
      node.invalid("caFile", "must name a readable PEM file of CA certificates: " + e.getMessage(), text.get());
    }
    return Optional.empty();
  }

  // Read once at load, so that a typo or a key file given by mistake fails check-config, not the
  // first handshake.
  private static void certificates(Path path) {
    try (InputStream in = Files.newInputStream(path)) {
      if (CertificateFactory.getInstance("X.509").generateCertificates(in).isEmpty()) {
        throw new IllegalArgumentException("no certificate in it");
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(ConfigLoader.reason(e));
    } catch (CertificateException e) {
      throw new IllegalArgumentException("not a PEM certificate bundle");
    }
  }

  private static Optional<IamAuth> iamAuth(Node node) {
    int before = node.errorCount();
    node.rejectUnknown("region", "cacheName", "serverless");
    Optional<String> region = node.matching("region", node.requiredString("region"), REGION);
    Optional<String> cacheName = node.matching("cacheName", node.string("cacheName"), CACHE_NAME);
    boolean serverless = node.bool("serverless", false);
    return node.errorCount() > before ? Optional.empty()
        : Optional.of(new IamAuth(region.orElseThrow(), cacheName, serverless));
  }

  /** What the url must be for a token: TLS always, and for ElastiCache a user id and a cache name. */
  private static void fitsUrl(Node node, IamAuth iam, String url) {
    if (url.startsWith("postgresql://")) {
      if (!EndpointUrls.requiresTls(url)) {
        node.error("iamAuth", "the token must not cross the network in clear: the url needs sslmode=require,"
            + " verify-ca or verify-full (it is " + EndpointUrls.sslMode(url) + ")");
      }
      if (iam.cacheName().isPresent() || iam.serverless()) {
        node.error(iam.serverless() ? "iamAuth.serverless" : "iamAuth.cacheName", "only for ElastiCache (a rediss:// url)");
      }
      return;
    }
    if (!url.startsWith("rediss://")) {
      node.error("iamAuth", "ElastiCache IAM auth needs in-transit encryption: a rediss:// url");
    }
    if (!url.contains("@")) {
      node.error("iamAuth", "ElastiCache IAM auth needs the user id in the url: rediss://user-id@host:port");
    }
    if (iam.cacheName().isEmpty()) {
      node.error("iamAuth.cacheName", "required with iamAuth on redis: the replication group (or serverless"
          + " cache) the token is signed for");
    }
  }
}
