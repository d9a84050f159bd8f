package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.Map;
import io.fabric8.generator.annotation.ValidationRule;

@ValidationRule(value = "!has(self.provider) || self.provider != 'openai-compatible' || has(self.baseUrl)",
    message = "baseUrl is required for provider openai-compatible: the server's API root, e.g. http://vllm:8000/v1")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ProviderAccountSpec {
  @Required
  @JsonPropertyDescription(
      "Wire protocol: openai, anthropic, gemini (the native generateContent API), bedrock (Converse),"
          + " vertex (Gemini and Claude on Vertex AI), openai-compatible (vLLM, Ollama, Azure, Gemini's OpenAI endpoint…) or simulated.")
  public ProviderKind provider;

  @JsonPropertyDescription(
      "Base URL of the API, e.g. https://api.openai.com/v1. Defaults to the provider's public endpoint;"
          + " required for openai-compatible.")
  public String baseUrl;

  @JsonPropertyDescription(
      "Secret key holding the credential: the API key; for bedrock an AWS shared-credentials file; for"
          + " vertex a service-account JSON key. Required for all but openai-compatible and simulated. Never copied into the proxy's config.")
  public SecretKeyRef credentialsSecretRef;

  @JsonPropertyDescription(
      "Provider region: for bedrock the endpoint's and the signature's region, for vertex the location"
          + " (both required); informational for the others.")
  public String region;

  @JsonPropertyDescription(
      "API version: the anthropic-version header for anthropic (default 2023-06-01), the api-version"
          + " query parameter for Azure-style deployments.")
  public String apiVersion;

  @JsonPropertyDescription(
      "Use Azure OpenAI paths (/openai/deployments/{model}/chat/completions?api-version=…) and the"
          + " api-key header. The target's model is the deployment name.")
  public Boolean azureDeployments;

  @JsonPropertyDescription("Extra non-secret HTTP headers sent with every call to this account.")
  public Map<String, String> headers;

  @JsonPropertyDescription("Timeouts for calls to this account.")
  public Timeouts timeouts;

  @JsonPropertyDescription("Rate limits the provider enforces on this account.")
  public Limits limits;

  @JsonPropertyDescription("Spend budget for this account.")
  public Budget budget;

  @JsonPropertyDescription("Active health checking of this account.")
  public HealthCheck healthCheck;

  @JsonPropertyDescription("Behaviour of a simulated provider (provider: simulated only).")
  public Simulation simulation;
}
