package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class Capabilities {
  @JsonPropertyDescription("Can stream responses (default true).")
  public Boolean streaming;

  @JsonPropertyDescription("Accepts tools and returns tool calls (default false).")
  public Boolean tools;

  @JsonPropertyDescription("Accepts image inputs (default false).")
  public Boolean vision;

  @JsonPropertyDescription("Supports response_format json_object (default false).")
  public Boolean jsonMode;

  @JsonPropertyDescription("Supports response_format json_schema (default false).")
  public Boolean structuredOutputs;

  @JsonPropertyDescription(
      "Accepts a reasoning request: reasoning_effort or a thinking budget, mapped to the provider's own"
          + " (OpenAI reasoning_effort, Anthropic thinking.budget_tokens, Gemini thinkingBudget); false makes"
          + " reasoning requests skip the target (default true).")
  public Boolean reasoning;

  @Min(1)
  @JsonPropertyDescription("Context window in tokens, prompt plus completion (default 8192).")
  public Integer contextWindow;

  @JsonPropertyDescription(
      "The APIs the model serves: chat (/v1/chat/completions, /v1/responses, /v1/messages), embeddings,"
          + " images, speech, transcriptions, video. A call to an endpoint a target does not list skips it;"
          + " when no target of the model lists it, the call is a 404 naming the model and endpoint"
          + " (default [chat]).")
  public java.util.List<Endpoint> endpoints;
}
