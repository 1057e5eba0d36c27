package io.drwatch.adapter.opensearch;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * AWS Signature Version 4 for Amazon OpenSearch Service (signing name {@code es}), by the SDK's own
 * signer: we only build the request it signs and copy the headers it adds (Host, X-Amz-Date,
 * X-Amz-Security-Token for temporary credentials, Authorization). Pure computation; resolving the
 * credentials is the caller's business (it may block, so it happens off the event loop).
 */
record SigV4(String region, String service, Clock clock) {
  static final String SERVICE = "es";

  // Stateless and thread-safe: one for every endpoint.
  private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

  /**
   * The headers to send with a request to {@code uri}: {@code extra} (signed too, e.g.
   * Content-Type) plus the signature's. {@code body} may be null for no body.
   */
  Map<String, String> sign(String method, URI uri, Map<String, String> extra, byte[] body,
      AwsCredentialsIdentity credentials) {
    SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri);
    extra.forEach(request::putHeader);
    SignedRequest signed = SIGNER.sign(r -> r
        .identity(credentials)
        .request(request.build())
        .payload(body == null ? null : ContentStreamProvider.fromByteArrayUnsafe(body))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
        .putProperty(HttpSigner.SIGNING_CLOCK, clock));
    Map<String, String> headers = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> h : signed.request().headers().entrySet()) {
      headers.put(h.getKey(), String.join(",", h.getValue()));
    }
    return headers;
  }
}
