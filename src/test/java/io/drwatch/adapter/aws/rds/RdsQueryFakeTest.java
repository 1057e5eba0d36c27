package io.drwatch.adapter.aws.rds;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import org.junit.jupiter.api.Test;

/** The fake's own guard: a request the SDK would not send is answered 400 and reported. */
class RdsQueryFakeTest {
  private static final String SIGNED = "AWS4-HMAC-SHA256 Credential=testing/20261126/us-west-2/rds/aws4_request, "
      + "SignedHeaders=host, Signature=0";

  private static HttpResponse<String> post(RdsQueryFake fake, String auth, String body) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(fake.endpoint())
        .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
        .header("Authorization", auth)
        .POST(BodyPublishers.ofString(body)).build(), BodyHandlers.ofString());
  }

  @Test
  void shouldRejectAndReportAnUnexpectedParameter() throws Exception {
    try (RdsQueryFake fake = RdsQueryFake.start()) {
      fake.state().replica("db", "src");
      HttpResponse<String> ok = post(fake, SIGNED, "Action=DescribeDBInstances&Version=2014-10-31&DBInstanceIdentifier=db");
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.body()).contains("<DBInstanceStatus>available</DBInstanceStatus>",
          "<ReadReplicaSourceDBInstanceIdentifier>src</ReadReplicaSourceDBInstanceIdentifier>");

      HttpResponse<String> extra = post(fake, SIGNED,
          "Action=PromoteReadReplica&Version=2014-10-31&DBInstanceIdentifier=db&PreferredBackupWindow=01:00-02:00");
      assertThat(extra.statusCode()).isEqualTo(400);
      assertThat(extra.body()).contains("<Type>Sender</Type><Code>InvalidParameterCombination</Code>");
      assertThat(fake.problems()).singleElement().asString().contains("PreferredBackupWindow");
      assertThat(fake.state().isReplica("db")).as("a rejected request changes nothing").isTrue();
    }
  }

  @Test
  void shouldRejectAnUnsignedRequestOrAnotherApiVersion() throws Exception {
    try (RdsQueryFake fake = RdsQueryFake.start()) {
      assertThat(post(fake, "none", "Action=DescribeGlobalClusters&Version=2014-10-31&GlobalClusterIdentifier=g")
          .statusCode()).isEqualTo(400);
      assertThat(post(fake, SIGNED, "Action=DescribeGlobalClusters&Version=2013-01-10&GlobalClusterIdentifier=g")
          .statusCode()).isEqualTo(400);
      assertThat(fake.problems()).hasSize(2);
    }
  }
}
