package dev.spillway.proxy.dialects.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.http.Json;
import java.util.UUID;

/**
 * The Responses API's {@code response} object, built from a served chat completion (a stream's
 * chunks are folded into one first), with its output items: reasoning, the message, function calls.
 * Item ids derive from the response id (calls from their call id), so a stream's events and its
 * closing {@code response.completed} name the same items.
 */
final class ResponsesResponse {
  private ResponsesResponse() {}

  static String newId() {
    return "resp_" + UUID.randomUUID().toString().replace("-", "");
  }

  static ObjectNode from(ObjectNode completion, ObjectNode request, String responseId) {
    JsonNode choice = completion.path("choices").path(0);
    JsonNode message = choice.path("message");
    boolean truncated = choice.path("finish_reason").asText("").equals("length");
    ObjectNode response = skeleton(
        request, responseId, completion.path("model").asText(""), completion.path("created").asLong(0),
        truncated ? "incomplete" : "completed");
    if (truncated) {
      response.putObject("incomplete_details").put("reason", "max_output_tokens");
    }
    ArrayNode output = response.putArray("output");
    String reasoning = message.path("reasoning_content").asText("");
    if (!reasoning.isEmpty()) {
      output.add(reasoningItem(responseId, reasoning));
    }
    String text = message.path("content").asText("");
    if (!text.isEmpty() || !message.path("tool_calls").isArray()) {
      output.add(messageItem(responseId, text, "completed"));
    }
    for (JsonNode call : message.path("tool_calls")) {
      output.add(functionCall(
          call.path("id").asText(), call.path("function").path("name").asText(),
          call.path("function").path("arguments").asText(""), "completed"));
    }
    response.set("usage", usage(completion.path("usage")));
    return response;
  }

  /** The response's fields before any output: the request's settings echoed, as OpenAI does. */
  static ObjectNode skeleton(ObjectNode request, String responseId, String model, long created, String status) {
    ObjectNode response = Json.MAPPER.createObjectNode()
        .put("id", responseId).put("object", "response").put("created_at", created).put("status", status)
        .put("model", model);
    response.putNull("error");
    response.putNull("incomplete_details");
    response.set("instructions", request.path("instructions").isTextual() ? request.get("instructions") : null);
    response.set("max_output_tokens", request.get("max_output_tokens"));
    response.putArray("output");
    response.put("parallel_tool_calls", request.path("parallel_tool_calls").asBoolean(true));
    response.putNull("previous_response_id");
    ObjectNode reasoning = response.putObject("reasoning");
    reasoning.set("effort", request.path("reasoning").get("effort"));
    reasoning.putNull("summary");
    response.put("store", false);
    response.set("temperature", request.get("temperature"));
    ObjectNode text = response.putObject("text");
    JsonNode format = request.path("text").get("format");
    text.set("format", format != null ? format : Json.MAPPER.createObjectNode().put("type", "text"));
    response.set("tool_choice", request.has("tool_choice") ? request.get("tool_choice") : Json.MAPPER.getNodeFactory().textNode("auto"));
    response.set("tools", request.has("tools") ? request.get("tools") : Json.MAPPER.createArrayNode());
    response.set("top_p", request.get("top_p"));
    response.put("truncation", "disabled");
    response.putNull("usage");
    response.set("user", request.get("user"));
    response.set("metadata", request.has("metadata") ? request.get("metadata") : Json.MAPPER.createObjectNode());
    return response;
  }

  static String messageId(String responseId) {
    return "msg_" + responseId.substring("resp_".length());
  }

  static String reasoningId(String responseId) {
    return "rs_" + responseId.substring("resp_".length());
  }

  static String functionCallId(String callId) {
    return "fc_" + callId;
  }

  static ObjectNode messageItem(String responseId, String text, String status) {
    ObjectNode item = Json.MAPPER.createObjectNode()
        .put("type", "message").put("id", messageId(responseId)).put("status", status).put("role", "assistant");
    ArrayNode content = item.putArray("content");
    if (status.equals("completed")) {
      content.add(textPart(text));
    }
    return item;
  }

  static ObjectNode textPart(String text) {
    ObjectNode part = Json.MAPPER.createObjectNode().put("type", "output_text").put("text", text);
    part.putArray("annotations");
    part.putArray("logprobs");
    return part;
  }

  static ObjectNode functionCall(String callId, String name, String arguments, String status) {
    return Json.MAPPER.createObjectNode()
        .put("type", "function_call").put("id", functionCallId(callId)).put("call_id", callId)
        .put("name", name).put("arguments", arguments).put("status", status);
  }

  static ObjectNode reasoningItem(String responseId, String text) {
    ObjectNode item = Json.MAPPER.createObjectNode().put("type", "reasoning").put("id", reasoningId(responseId));
    ArrayNode summary = item.putArray("summary");
    if (!text.isEmpty()) {
      summary.addObject().put("type", "summary_text").put("text", text);
    }
    return item;
  }

  /** Chat usage in the Responses shape. */
  static ObjectNode usage(JsonNode usage) {
    ObjectNode converted = Json.MAPPER.createObjectNode().put("input_tokens", usage.path("prompt_tokens").asLong(0));
    converted.putObject("input_tokens_details")
        .put("cached_tokens", usage.path("prompt_tokens_details").path("cached_tokens").asLong(0));
    converted.put("output_tokens", usage.path("completion_tokens").asLong(0));
    converted.putObject("output_tokens_details")
        .put("reasoning_tokens", usage.path("completion_tokens_details").path("reasoning_tokens").asLong(0));
    converted.put("total_tokens", usage.path("total_tokens").asLong(
        usage.path("prompt_tokens").asLong(0) + usage.path("completion_tokens").asLong(0)));
    return converted;
  }
}
