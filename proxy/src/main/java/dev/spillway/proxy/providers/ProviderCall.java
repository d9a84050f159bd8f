package dev.spillway.proxy.providers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.config.AccountConfig;
import dev.spillway.config.TargetConfig;
import dev.spillway.config.TimeoutConfig;

/**
 * One attempt at one target.
 *
 * @param request an OpenAI chat-completions request, ready to send: {@code model} is already the
 *     provider's model id and defaults are applied. Adapters must not mutate it (hedged and retried
 *     attempts share it).
 * @param apiKey the credential, or null when the account needs none. Never log it, and scrub it
 *     from any upstream text that is passed on.
 * @param timeouts effective timeouts; adapters apply {@code connectMs}, the engine the others
 */
public record ProviderCall(
    TargetConfig target,
    AccountConfig account,
    ObjectNode request,
    String apiKey,
    TimeoutConfig timeouts) {

  public boolean streaming() {
    return request.path("stream").asBoolean(false);
  }

  @Override
  public String toString() {
    return "ProviderCall[" + target.id() + "]";
  }
}
