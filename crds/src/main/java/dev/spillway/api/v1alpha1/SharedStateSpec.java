package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** The Redis (or Valkey) the proxy replicas share their limits, budgets and health through. */
@ValidationRule(value = "self.address.matches('^rediss?://[^/@:]+(:[0-9]+)?/?$')",
    message = "address must be redis://host:port or rediss://host:port (TLS), without credentials:"
        + " the password goes in passwordSecretRef")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SharedStateSpec {
  @Required
  @JsonPropertyDescription("redis://host:port, or rediss://host:port for TLS (the server's certificate must be"
      + " trusted by the proxy's default trust store). Every proxy replica shares rate limits, budget spend,"
      + " open circuits, health marks and drift alarms through it; while it is unreachable each replica"
      + " decides alone (limits divided by the live replicas) and reconciles when it returns.")
  public String address;

  @JsonPropertyDescription("The key of a Secret in the Router's namespace holding the Redis password (AUTH);"
      + " given to the proxies as an environment variable from the Secret, never written to their config.")
  public SecretKeyRef passwordSecretRef;

  @JsonPropertyDescription("What every shared key starts with, so several routers can share one Redis"
      + " (default: <namespace>/<router name>).")
  public String keyPrefix;
}
