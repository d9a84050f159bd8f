package dev.spillway.proxy.providers;

import java.net.URI;
import java.util.Map;

/**
 * Where one call goes and the headers that authorise it: what an endpoint (a provider's own API,
 * or the same model family on a cloud platform) makes of a model id and the account's credential.
 */
public record UpstreamAddress(URI uri, Map<String, String> authHeaders) {
  public UpstreamAddress {
    authHeaders = Map.copyOf(authHeaders);
  }

  @Override
  public String toString() {
    return "UpstreamAddress[" + uri + "]"; // the headers carry credentials
  }
}
