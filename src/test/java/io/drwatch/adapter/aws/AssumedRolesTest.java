package io.drwatch.adapter.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.testkit.MotoServer;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.sts.StsAsyncClient;

/**
 * {@code params.assumeRole}: clients built for an endpoint with a role sign with that role's
 * session, assumed through real moto's STS; without a role they keep the daemon's credentials.
 */
class AssumedRolesTest {
  private static final String ROLE = "arn:aws:iam::123456789012:role/drwatch-reader";
  private static MotoServer moto;
  private static AwsClients aws;

  @BeforeAll
  static void start() throws Exception {
    moto = MotoServer.start();
    aws = AwsClients.create(AwsSettings.DEFAULT,
        StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")));
  }

  @AfterAll
  static void stop() throws Exception {
    if (aws != null) {
      aws.close();
    }
    if (moto != null) {
      moto.close();
    }
  }

  private static String callerArn(AwsEndpoint endpoint) throws Exception {
    try (StsAsyncClient sts = aws.configure(StsAsyncClient.builder(), endpoint).build()) {
      return sts.getCallerIdentity().get(30, TimeUnit.SECONDS).arn();
    }
  }

  @Test
  void shouldSignWithTheAssumedRolesSession() throws Exception {
    AwsEndpoint withRole = new AwsEndpoint("us-west-2", Optional.of(moto.endpoint()), Optional.of(ROLE));

    assertThat(callerArn(withRole))
        .isEqualTo("arn:aws:sts::123456789012:assumed-role/drwatch-reader/" + AssumedRoles.SESSION_NAME);
    assertThat(aws.credentialsFor(withRole)).isSameAs(aws.credentialsFor(withRole));
    assertThat(aws.credentialsFor(withRole.inRegion("eu-west-1"))).isNotSameAs(aws.credentialsFor(withRole));
  }

  @Test
  void shouldKeepTheDaemonsCredentialsWithoutARole() throws Exception {
    AwsEndpoint plain = new AwsEndpoint("us-west-2", Optional.of(moto.endpoint()));

    assertThat(aws.credentialsFor(plain)).isSameAs(aws.credentials());
    assertThat(callerArn(plain)).doesNotContain("assumed-role");
  }
}
