package io.drwatch.config;

import java.util.Objects;
import java.util.Optional;

/**
 * One other observer in {@code detection.peers}: a plain url, or {@code {url, observer}}.
 *
 * @param url {@code scheme://host:port} with the port filled in
 * @param observer the name the peer must report as ({@code observer.name} in its config); a report
 *     from this url under another name is ignored. Empty: any name is taken
 */
public record PeerConfig(String url, Optional<String> observer) {

  public PeerConfig {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(observer, "observer");
  }

  public static PeerConfig of(String url) {
    return new PeerConfig(url, Optional.empty());
  }
}
