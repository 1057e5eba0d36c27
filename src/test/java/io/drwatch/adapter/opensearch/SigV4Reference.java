package io.drwatch.adapter.opensearch;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SigV4 written out from the specification (canonical request, string to sign, derived key), to
 * check the SDK signer independently. Anchored on the published get-vanilla vector in {@link SigV4Test}.
 */
final class SigV4Reference {
  private SigV4Reference() {}

  /** The hex signature of a request with no query string; {@code headers} are the signed ones. */
  static String signature(String method, String path, Map<String, String> headers, String payloadHash,
      String amzDate, String region, String service, String secret) throws Exception {
    TreeMap<String, String> sorted = new TreeMap<>();
    headers.forEach((k, v) -> sorted.put(k.toLowerCase(), v.strip()));
    String canonicalHeaders = sorted.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue() + "\n")
        .collect(Collectors.joining());
    String signed = String.join(";", sorted.keySet());
    String canonical = method + "\n" + path + "\n\n" + canonicalHeaders + "\n" + signed + "\n" + payloadHash;
    String date = amzDate.substring(0, 8);
    String scope = date + "/" + region + "/" + service + "/aws4_request";
    String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + sha256Hex(canonical.getBytes(StandardCharsets.UTF_8));
    byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
    key = hmac(key, region);
    key = hmac(key, service);
    key = hmac(key, "aws4_request");
    return HexFormat.of().formatHex(hmac(key, toSign));
  }

  static String sha256Hex(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }

  private static byte[] hmac(byte[] key, String data) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
  }
}
