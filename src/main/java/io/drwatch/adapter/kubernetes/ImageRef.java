package io.drwatch.adapter.kubernetes;

import java.util.Optional;

/**
 * A container image reference as written in a pod template, e.g.
 * {@code 123.dkr.ecr.eu-west-1.amazonaws.com/shop/api@sha256:ab..} or {@code shop/api:1.4}.
 *
 * @param registry the registry host, empty for Docker Hub short names
 * @param repository the path without the registry, e.g. {@code shop/api}
 * @param tag the tag, empty if none was written
 * @param digest {@code sha256:...} when pinned
 */
record ImageRef(String registry, String repository, Optional<String> tag, Optional<String> digest) {

  static ImageRef parse(String ref) {
    String text = ref.strip();
    Optional<String> digest = Optional.empty();
    int at = text.indexOf('@');
    if (at >= 0) {
      digest = Optional.of(text.substring(at + 1));
      text = text.substring(0, at);
    }
    Optional<String> tag = Optional.empty();
    int colon = text.lastIndexOf(':');
    if (colon > text.lastIndexOf('/')) {
      tag = Optional.of(text.substring(colon + 1));
      text = text.substring(0, colon);
    }
    String registry = "";
    int slash = text.indexOf('/');
    if (slash > 0) {
      String first = text.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        registry = first;
        text = text.substring(slash + 1);
      }
    }
    return new ImageRef(registry, text, tag, digest);
  }

  boolean pinned() {
    return digest.isPresent();
  }

  /**
   * What must match between clusters for an unpinned image: repository and tag. The registry is
   * left out on purpose: a DR region pulls from its own replicated registry (ECR replication).
   */
  String tagKey() {
    return repository + ":" + tag.orElse("latest");
  }

  /** The digest inside a pod status {@code imageID} ({@code docker-pullable://repo@sha256:..}). */
  static Optional<String> digestOfImageId(String imageId) {
    if (imageId == null) {
      return Optional.empty();
    }
    int at = imageId.lastIndexOf('@');
    if (at >= 0) {
      return Optional.of(imageId.substring(at + 1));
    }
    return imageId.startsWith("sha256:") ? Optional.of(imageId) : Optional.empty();
  }
}
