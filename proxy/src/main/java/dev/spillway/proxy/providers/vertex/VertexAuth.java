package dev.spillway.proxy.providers.vertex;

import com.google.api.client.http.HttpResponseException;
import com.google.auth.RequestMetadataCallback;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import dev.spillway.proxy.providers.ProviderFailure;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Access tokens for Vertex AI from a service account's JSON key (the account's Secret), through
 * Google's auth library: it signs the JWT grant, exchanges it at the key's {@code token_uri}, caches
 * the token and refreshes it before it expires. A rotated key is parsed once, on first use.
 */
final class VertexAuth {
  private static final List<String> SCOPES = List.of("https://www.googleapis.com/auth/cloud-platform");

  /** A parsed key: its credentials (which hold the cached token) and its project. */
  record Key(GoogleCredentials credentials, String projectId) {}

  private final Executor executor;
  private final AtomicReference<Map.Entry<String, Key>> parsed = new AtomicReference<>();

  /** @param executor runs token refreshes (blocking HTTP inside the library), never the caller */
  VertexAuth(Executor executor) {
    this.executor = executor;
  }

  /**
   * The project of the key in the Secret.
   *
   * @throws ProviderFailure a 401 when the Secret holds no service-account key
   */
  String projectId(String serviceAccountJson) {
    return key(serviceAccountJson).projectId();
  }

  /** The {@code Authorization} header for a call to {@code uri}; completes once a token is at hand. */
  CompletableFuture<Map<String, String>> headers(String serviceAccountJson, URI uri) {
    Key key;
    try {
      key = key(serviceAccountJson);
    } catch (ProviderFailure failure) {
      return CompletableFuture.failedFuture(failure);
    }
    CompletableFuture<Map<String, String>> headers = new CompletableFuture<>();
    key.credentials().getRequestMetadata(uri, executor, new RequestMetadataCallback() {
      @Override
      public void onSuccess(Map<String, List<String>> metadata) {
        List<String> authorization = metadata.get("Authorization");
        if (authorization == null || authorization.isEmpty()) {
          headers.completeExceptionally(ProviderFailure.protocol("vertex: the auth library gave no token"));
        } else {
          headers.complete(Map.of("authorization", authorization.get(0)));
        }
      }

      @Override
      public void onFailure(Throwable error) {
        headers.completeExceptionally(tokenFailure(error));
      }
    });
    return headers;
  }

  private Key key(String serviceAccountJson) {
    if (serviceAccountJson == null) {
      throw unusable("no service-account key");
    }
    Map.Entry<String, Key> last = parsed.get();
    if (last != null && last.getKey().equals(serviceAccountJson)) {
      return last.getValue();
    }
    ServiceAccountCredentials credentials;
    try {
      credentials = ServiceAccountCredentials.fromStream(
          new ByteArrayInputStream(serviceAccountJson.getBytes(StandardCharsets.UTF_8)));
    } catch (IOException | RuntimeException notAKey) {
      // Never the library's message: it may quote the Secret.
      throw unusable("the Secret is not a service-account JSON key");
    }
    if (credentials.getProjectId() == null) {
      throw unusable("the service-account key has no project_id");
    }
    Key key = new Key(credentials.createScoped(SCOPES), credentials.getProjectId());
    parsed.set(Map.entry(serviceAccountJson, key));
    return key;
  }

  /** Google refused the grant (a revoked or wrong key) → auth; anything else → could not reach it. */
  private static ProviderFailure tokenFailure(Throwable error) {
    Throwable cause = error;
    while (cause.getCause() != null && !(cause instanceof HttpResponseException)) {
      cause = cause.getCause();
    }
    if (cause instanceof HttpResponseException refused && refused.getStatusCode() / 100 == 4) {
      return unusable("the token endpoint refused the key (http " + refused.getStatusCode() + ")");
    }
    return ProviderFailure.connect("vertex: could not get an access token: " + error.getClass().getSimpleName());
  }

  /** Unusable credentials: like the provider refusing them, so the account rests. */
  private static ProviderFailure unusable(String why) {
    return new ProviderFailure(ProviderFailure.Kind.HTTP, "vertex credentials: " + why, 401, null, false, null);
  }
}
