package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One API key of a consumer. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ConsumerKey {
  @JsonPropertyDescription("The Secret key holding the API key (at least 24 characters, e.g. from"
      + " `openssl rand -hex 24`).")
  public SecretKeyRef secretRef;

  @JsonPropertyDescription("When the key stops being accepted (RFC 3339, e.g. 2026-12-31T00:00:00Z): the"
      + " grace period of a rotated key. Unset: never.")
  public String expiresAt;

  public ConsumerKey() {}

  public ConsumerKey(SecretKeyRef secretRef, String expiresAt) {
    this.secretRef = secretRef;
    this.expiresAt = expiresAt;
  }
}
