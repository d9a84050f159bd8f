package dev.spillway.proxy.routing;

import dev.spillway.api.v1alpha1.Endpoint;
import java.util.Map;

/**
 * What routing needs to know about one chat-completions request, read once from its body and
 * headers.
 *
 * @param stepType from {@code x-spillway-step} or {@code metadata.step}; null when absent
 * @param purpose from {@code x-spillway-purpose} or {@code metadata.purpose}; null when absent
 * @param headers request headers, names lower case (first value of each)
 * @param promptTokenEstimate an estimate, not a count: about four characters of message text per
 *     token, plus the completion budget the request asks for ({@code max_tokens} or
 *     {@code max_completion_tokens}). Good enough to skip targets that plainly cannot fit it.
 * @param caller the fallbacks the request names for itself, and the routing mode
 * @param reasoning the request asks for reasoning ({@code reasoning_effort} or {@code thinking})
 * @param endpoint the API called: only targets serving it are candidates
 */
public record RequestFacts(
    String model,
    boolean stream,
    String stepType,
    String purpose,
    String user,
    boolean tools,
    boolean vision,
    boolean jsonMode,
    boolean structuredOutputs,
    int promptTokenEstimate,
    Map<String, String> headers,
    CallerRoute caller,
    boolean reasoning,
    Endpoint endpoint) {

  public RequestFacts {
    headers = Map.copyOf(headers);
    caller = caller == null ? CallerRoute.NONE : caller;
    endpoint = endpoint == null ? Endpoint.CHAT : endpoint;
  }

  /** A chat request. */
  public RequestFacts(
      String model,
      boolean stream,
      String stepType,
      String purpose,
      String user,
      boolean tools,
      boolean vision,
      boolean jsonMode,
      boolean structuredOutputs,
      int promptTokenEstimate,
      Map<String, String> headers,
      CallerRoute caller,
      boolean reasoning) {
    this(model, stream, stepType, purpose, user, tools, vision, jsonMode, structuredOutputs, promptTokenEstimate,
        headers, caller, reasoning, Endpoint.CHAT);
  }

  /** The same request, at another endpoint. */
  public RequestFacts at(Endpoint called) {
    return new RequestFacts(model, stream, stepType, purpose, user, tools, vision, jsonMode, structuredOutputs,
        promptTokenEstimate, headers, caller, reasoning, called);
  }

  /** A request that names no fallbacks of its own. */
  public RequestFacts(
      String model,
      boolean stream,
      String stepType,
      String purpose,
      String user,
      boolean tools,
      boolean vision,
      boolean jsonMode,
      boolean structuredOutputs,
      int promptTokenEstimate,
      Map<String, String> headers) {
    this(model, stream, stepType, purpose, user, tools, vision, jsonMode, structuredOutputs, promptTokenEstimate,
        headers, CallerRoute.NONE, false);
  }

  /** A request that names its own fallbacks and asks for no reasoning. */
  public RequestFacts(
      String model,
      boolean stream,
      String stepType,
      String purpose,
      String user,
      boolean tools,
      boolean vision,
      boolean jsonMode,
      boolean structuredOutputs,
      int promptTokenEstimate,
      Map<String, String> headers,
      CallerRoute caller) {
    this(model, stream, stepType, purpose, user, tools, vision, jsonMode, structuredOutputs, promptTokenEstimate,
        headers, caller, false);
  }


  /** A request that names no fallbacks and may ask for reasoning. */
  public RequestFacts(
      String model,
      boolean stream,
      String stepType,
      String purpose,
      String user,
      boolean tools,
      boolean vision,
      boolean jsonMode,
      boolean structuredOutputs,
      int promptTokenEstimate,
      Map<String, String> headers,
      boolean reasoning) {
    this(model, stream, stepType, purpose, user, tools, vision, jsonMode, structuredOutputs, promptTokenEstimate,
        headers, CallerRoute.NONE, reasoning);
  }
}
