package io.drwatch.adapter.kubernetes;

import io.fabric8.kubernetes.client.OAuthTokenProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/**
 * A bearer token read from a file and re-read when the file changes: kubelet rotates projected
 * service-account tokens in place. fabric8 asks the provider on every request; requests run on
 * worker threads (see {@link KubeCalls}), so the small file read never touches an event loop.
 */
final class TokenFile implements OAuthTokenProvider {
  private final Path path;
  private FileTime seen;
  private String token;

  TokenFile(String path) {
    this.path = Path.of(path);
  }

  @Override
  public synchronized String getToken() {
    try {
      FileTime modified = Files.getLastModifiedTime(path);
      if (token == null || !modified.equals(seen)) {
        token = Files.readString(path, StandardCharsets.UTF_8).strip();
        seen = modified;
      }
      return token;
    } catch (IOException e) {
      // The message names the file, never its content.
      throw new UncheckedIOException("cannot read token file " + path, e);
    }
  }
}
