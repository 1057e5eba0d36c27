package io.drwatch.adapter.kubernetes;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * How to reach and authenticate to one Kubernetes API server: its URL, and either a bearer token
 * read from a file (a projected service-account token rotates, so it is re-read) or an EKS cluster
 * name and region (a {@code k8s-aws-v1.} token from the daemon's AWS credentials, see {@link
 * EksToken}); with neither, requests are anonymous. TLS trusts {@code caFile} when given, the JVM's
 * trust store otherwise, and nothing at all with {@code insecureSkipTlsVerify=true} (lab use only).
 */
record KubeTarget(URI url, Optional<String> tokenFile, Optional<String> caFile, boolean insecure,
    Optional<Eks> eks) {

  /** An EKS cluster's name and Region, for the STS-presigned token. */
  record Eks(String cluster, String region) {}

  KubeTarget {
    if (tokenFile.isPresent() && eks.isPresent()) {
      throw new IllegalArgumentException("give either a token file or an EKS cluster for " + url + ", not both");
    }
  }

  /**
   * Reads a target from {@code params} with the given key names, e.g. ("standbyUrl",
   * "standbyTokenFile", "standbyCaFile", "eksCluster", "region"). {@code where} prefixes messages.
   */
  static KubeTarget from(Map<String, String> params, String where, String urlKey, String tokenKey, String caKey,
      String clusterKey, String regionKey) {
    String url = params.get(urlKey);
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException(where + ": missing parameter " + urlKey);
    }
    URI uri;
    try {
      uri = URI.create(url.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": " + urlKey + " is not a URL: \"" + url + "\"");
    }
    if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
      throw new IllegalArgumentException(where + ": " + urlKey + " must be an http(s) URL, but was \"" + url + "\"");
    }
    Optional<String> cluster = opt(params, clusterKey);
    Optional<String> region = opt(params, regionKey);
    if (cluster.isPresent() && region.isEmpty()) {
      throw new IllegalArgumentException(where + ": " + clusterKey + " needs " + regionKey);
    }
    String insecure = params.getOrDefault("insecureSkipTlsVerify", "false").strip();
    if (!insecure.equals("true") && !insecure.equals("false")) {
      throw new IllegalArgumentException(where + ": insecureSkipTlsVerify must be true or false, but was \""
          + insecure + "\"");
    }
    try {
      return new KubeTarget(uri, opt(params, tokenKey), opt(params, caKey), Boolean.parseBoolean(insecure),
          cluster.map(c -> new Eks(c, region.get())));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage());
    }
  }

  private static Optional<String> opt(Map<String, String> params, String key) {
    return Optional.ofNullable(params.get(key)).map(String::strip).filter(s -> !s.isEmpty());
  }

  /** Origin only, for messages: never a token. */
  String label() {
    return url.getScheme() + "://" + url.getAuthority();
  }
}
