package dev.spillway.proxy.providers.bedrock;

import dev.spillway.proxy.providers.ProviderFailure;
import dev.spillway.proxy.providers.http.UpstreamRequest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * Signs Bedrock requests with SigV4, using the AWS SDK's signer, with the credentials from the
 * account's Secret: an AWS shared-credentials file ({@code [default]} with {@code
 * aws_access_key_id}, {@code aws_secret_access_key} and optionally {@code aws_session_token}),
 * parsed by the SDK's profile-file reader.
 */
final class AwsSigner {
  static final String SERVICE = "bedrock";

  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
  private final String region;
  private final Clock clock;
  /** The last Secret value and its parsed identity: a rotated Secret is parsed once, on first use. */
  private final AtomicReference<Map.Entry<String, AwsCredentialsIdentity>> parsed = new AtomicReference<>();

  AwsSigner(String region, Clock clock) {
    this.region = region;
    this.clock = clock;
  }

  /**
   * The request with the SigV4 headers added ({@code authorization}, {@code x-amz-date}, and
   * {@code x-amz-security-token} for session credentials).
   *
   * @throws ProviderFailure a 401 when the Secret holds no usable credentials
   */
  UpstreamRequest sign(UpstreamRequest request, String secret) {
    AwsCredentialsIdentity identity = identity(secret);
    SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder()
        .method(SdkHttpMethod.POST)
        .protocol(request.uri().getScheme())
        .host(request.uri().getHost())
        .port(request.uri().getPort())
        .encodedPath(request.uri().getRawPath());
    request.headers().forEach(unsigned::putHeader);
    SignedRequest signed = signer.sign(r -> r
        .identity(identity)
        .request(unsigned.build())
        .payload(ContentStreamProvider.fromByteArray(request.body()))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SERVICE)
        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
        .putProperty(HttpSigner.SIGNING_CLOCK, clock));
    UpstreamRequest.Builder builder = UpstreamRequest.postJson(request.uri(), request.body());
    signed.request().headers().forEach((name, values) -> {
      // The HTTP client sets Host itself (the same host:port the signature covers).
      if (!name.equalsIgnoreCase("host")) {
        builder.header(name, values.get(0));
      }
    });
    return builder.build();
  }

  private AwsCredentialsIdentity identity(String secret) {
    if (secret == null) {
      throw unusable("no credentials");
    }
    Map.Entry<String, AwsCredentialsIdentity> last = parsed.get();
    if (last != null && last.getKey().equals(secret)) {
      return last.getValue();
    }
    AwsCredentialsIdentity identity = parse(secret);
    parsed.set(Map.entry(secret, identity));
    return identity;
  }

  private static AwsCredentialsIdentity parse(String secret) {
    ProfileFile file;
    try {
      file = ProfileFile.builder()
          .content(new ByteArrayInputStream(secret.getBytes(StandardCharsets.UTF_8)))
          .type(ProfileFile.Type.CREDENTIALS)
          .build();
    } catch (RuntimeException malformed) {
      // Never the parser's message: it may quote the Secret.
      throw unusable("the Secret is not an AWS credentials file");
    }
    Optional<Profile> profile = file.profile("default").or(() -> file.profiles().values().stream().findFirst());
    String keyId = profile.flatMap(p -> p.property("aws_access_key_id")).orElse(null);
    String key = profile.flatMap(p -> p.property("aws_secret_access_key")).orElse(null);
    if (keyId == null || key == null) {
      throw unusable("the credentials file has no aws_access_key_id and aws_secret_access_key");
    }
    Optional<String> token = profile.flatMap(p -> p.property("aws_session_token"));
    return token.<AwsCredentialsIdentity>map(t -> AwsSessionCredentialsIdentity.create(keyId, key, t))
        .orElseGet(() -> AwsCredentialsIdentity.create(keyId, key));
  }

  /** Unusable credentials: like the provider refusing them, so the account rests. */
  private static ProviderFailure unusable(String why) {
    return new ProviderFailure(ProviderFailure.Kind.HTTP, "bedrock credentials: " + why, 401, null, false, null);
  }
}
