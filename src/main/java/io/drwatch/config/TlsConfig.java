package io.drwatch.config;

import io.drwatch.domain.Require;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * HTTPS for the listener ({@code http.tls}). With it the port speaks TLS only.
 *
 * @param certFile PEM certificate chain, leaf first; also this observer's client certificate when
 *     it polls peers over https
 * @param keyFile PEM private key of the leaf (PKCS#8, or PKCS#1 RSA), unencrypted
 * @param clientCaFile PEM CA bundle; when set, {@code GET /api/v1/votes} answers only a client
 *     presenting a certificate it signed (mTLS). Other routes do not ask for one
 * @param checkEvery how often the files are looked at for a rotation, default 10s, greater than 0
 */
public record TlsConfig(Path certFile, Path keyFile, Optional<Path> clientCaFile, Duration checkEvery) {

  public TlsConfig {
    Require.nonNull("certFile", certFile, "keyFile", keyFile, "clientCaFile", clientCaFile, "checkEvery", checkEvery);
  }
}
