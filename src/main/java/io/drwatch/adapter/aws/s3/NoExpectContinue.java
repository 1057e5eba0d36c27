package io.drwatch.adapter.aws.s3;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Drops {@code Expect: 100-continue} from PutObject. It only saves sending a large body that would
 * be refused; the canary body is under 100 bytes, and S3-compatible endpoints that mishandle the
 * interim 100 response (moto's Werkzeug; the Netty client then fails with "Status Code: 100") would
 * otherwise reject every write.
 */
final class NoExpectContinue implements ExecutionInterceptor {
  @Override
  public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
    return context.httpRequest().toBuilder().removeHeader("Expect").build();
  }
}
