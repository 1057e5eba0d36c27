package io.drwatch.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the listener's PEM files the way the TLS stack will, so that a broken file is a config
 * error naming its problem instead of a listener that fails its first handshake. Also used when a
 * rotated file is picked up: a half-written rotation is refused and the old pair kept.
 */
public final class PemFiles {

  /** A PEM file that cannot be used, naming the file, so a caller can tell which key to blame. */
  public static final class BadFile extends IllegalArgumentException {
    private final transient Path file;

    BadFile(Path file, String message) {
      super(message);
      this.file = file;
    }

    public Path file() {
      return file;
    }
  }

  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]*)-----END \\1-----");
  private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448");
  // PKCS#1 RSA keys are PKCS#8 with the algorithm header left out; this is that header.
  private static final byte[] RSA_PKCS8_HEAD = {0x30, (byte) 0x82, 0, 0, 0x02, 0x01, 0x00, 0x30,
      0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01,
      0x05, 0x00, 0x04, (byte) 0x82, 0, 0};

  private PemFiles() {}

  /** The PEM files of one side of a TLS connection, checked to belong together. */
  public record KeyPair(List<X509Certificate> chain, PrivateKey key, byte[] certPem, byte[] keyPem) {}

  /**
   * A certificate chain and its private key.
   *
   * @throws IllegalArgumentException naming the file and what is wrong with it
   */
  public static KeyPair keyPair(Path certFile, Path keyFile) {
    byte[] certPem = read(certFile);
    byte[] keyPem = read(keyFile);
    List<X509Certificate> chain = certificates(certPem, certFile);
    PrivateKey key = privateKey(keyPem, keyFile);
    if (!signs(key, chain.get(0))) {
      throw new BadFile(keyFile, keyFile + " is not the private key of the certificate in "
          + certFile);
    }
    try {
      chain.get(0).checkValidity();
    } catch (java.security.cert.CertificateExpiredException e) {
      throw new BadFile(certFile, certFile + ": the certificate expired at "
          + chain.get(0).getNotAfter().toInstant());
    } catch (java.security.cert.CertificateNotYetValidException e) {
      throw new BadFile(certFile, certFile + ": the certificate is not valid before "
          + chain.get(0).getNotBefore().toInstant());
    }
    return new KeyPair(chain, key, certPem, keyPem);
  }

  /** The certificates of a PEM bundle, at least one. */
  public static List<X509Certificate> certificates(Path file) {
    return certificates(read(file), file);
  }

  static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new BadFile(file, file + ": no such file");
    } catch (AccessDeniedException e) {
      throw new BadFile(file, file + ": permission denied");
    } catch (IOException e) {
      throw new BadFile(file, file + ": cannot be read (" + e.getMessage() + ")");
    }
  }

  private static List<X509Certificate> certificates(byte[] pem, Path file) {
    List<X509Certificate> certs = new ArrayList<>();
    Matcher m = BLOCK.matcher(new String(pem, StandardCharsets.US_ASCII));
    while (m.find()) {
      if (!m.group(1).equals("CERTIFICATE")) {
        throw new BadFile(file, file + ": holds a " + m.group(1)
            + " where only CERTIFICATE blocks belong");
      }
      try {
        certs.add((X509Certificate) CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(der(m.group(2), file))));
      } catch (CertificateException e) {
        throw new BadFile(file, file + ": certificate " + (certs.size() + 1)
            + " cannot be parsed (" + e.getMessage() + ")");
      }
    }
    if (certs.isEmpty()) {
      throw new BadFile(file, file + ": no PEM certificate (-----BEGIN CERTIFICATE-----)");
    }
    return certs;
  }

  private static PrivateKey privateKey(byte[] pem, Path file) {
    Matcher m = BLOCK.matcher(new String(pem, StandardCharsets.US_ASCII));
    if (!m.find()) {
      throw new BadFile(file, file + ": no PEM private key (-----BEGIN PRIVATE KEY-----)");
    }
    byte[] der = der(m.group(2), file);
    return switch (m.group(1)) {
      case "PRIVATE KEY" -> pkcs8(der, file);
      case "RSA PRIVATE KEY" -> pkcs8(rsaPkcs8(der), file);
      case "ENCRYPTED PRIVATE KEY" -> throw new BadFile(file, file
          + ": the private key is encrypted; drwatch needs it unencrypted (file permissions protect it)");
      default -> throw new BadFile(file, file + ": holds a " + m.group(1)
          + ", not a PRIVATE KEY or RSA PRIVATE KEY (convert with openssl pkcs8 -topk8 -nocrypt)");
    };
  }

  private static PrivateKey pkcs8(byte[] der, Path file) {
    for (String algorithm : KEY_ALGORITHMS) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException | IllegalArgumentException e) {
        // not this algorithm; try the next
      }
    }
    throw new BadFile(file, file + ": the private key cannot be parsed (not an RSA, EC"
        + " or EdDSA key)");
  }

  private static byte[] rsaPkcs8(byte[] pkcs1) {
    byte[] out = new byte[RSA_PKCS8_HEAD.length + pkcs1.length];
    System.arraycopy(RSA_PKCS8_HEAD, 0, out, 0, RSA_PKCS8_HEAD.length);
    System.arraycopy(pkcs1, 0, out, RSA_PKCS8_HEAD.length, pkcs1.length);
    int total = out.length - 4;
    out[2] = (byte) (total >> 8);
    out[3] = (byte) total;
    out[RSA_PKCS8_HEAD.length - 2] = (byte) (pkcs1.length >> 8);
    out[RSA_PKCS8_HEAD.length - 1] = (byte) pkcs1.length;
    return out;
  }

  // A signature the certificate's public key verifies is the one proof of a matching pair that
  // works the same for every key algorithm.
  private static boolean signs(PrivateKey key, X509Certificate cert) {
    String algorithm = switch (key.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC" -> "SHA256withECDSA";
      default -> key.getAlgorithm();
    };
    byte[] probe = "drwatch".getBytes(StandardCharsets.US_ASCII);
    try {
      Signature sign = Signature.getInstance(algorithm);
      sign.initSign(key);
      sign.update(probe);
      byte[] signature = sign.sign();
      Signature verify = Signature.getInstance(algorithm);
      verify.initVerify(cert.getPublicKey());
      verify.update(probe);
      return verify.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static byte[] der(String base64, Path file) {
    try {
      return Base64.getMimeDecoder().decode(base64.strip());
    } catch (IllegalArgumentException e) {
      throw new BadFile(file, file + ": a PEM block is not valid base64");
    }
  }
}
