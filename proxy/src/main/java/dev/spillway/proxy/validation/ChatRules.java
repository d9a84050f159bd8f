package dev.spillway.proxy.validation;

import static dev.spillway.proxy.validation.Constraints.array;
import static dev.spillway.proxy.validation.Constraints.bool;
import static dev.spillway.proxy.validation.Constraints.either;
import static dev.spillway.proxy.validation.Constraints.integer;
import static dev.spillway.proxy.validation.Constraints.nonEmptyText;
import static dev.spillway.proxy.validation.Constraints.number;
import static dev.spillway.proxy.validation.Constraints.object;
import static dev.spillway.proxy.validation.Constraints.oneOf;
import static dev.spillway.proxy.validation.Constraints.text;
import static dev.spillway.proxy.validation.Field.optional;
import static dev.spillway.proxy.validation.Field.required;

import dev.spillway.proxy.validation.Constraints.JsonType;

/**
 * The chat-completions body as the OpenAI API documents it: the parameters users send, with their
 * types, ranges and allowed values. Parts of it (sampling, content parts) are public for the
 * other endpoints' rule sets to reuse.
 */
public final class ChatRules {
  /** The sampling parameters every generation endpoint shares. */
  public static final Field TEMPERATURE = optional("temperature", number(0, 2));
  public static final Field TOP_P = optional("top_p", number(0, 1));
  public static final Field STREAM = optional("stream", bool());

  /** Some OpenAI-compatible servers accept far more; the bound keeps one request's fan-out sane. */
  static final int MAX_CHOICES = 128;

  private static final Constraint PART_TYPE =
      object(required("type", oneOf("text", "image_url", "input_audio", "file", "refusal")));
  private static final Constraint TEXT_PART = object(required("text", text()));
  private static final Constraint IMAGE_PART = object(required("image_url", either("an object with a url or a string",
      JsonType.OBJECT.then(object(required("url", nonEmptyText()), optional("detail", oneOf("auto", "low", "high")))),
      JsonType.STRING.then(nonEmptyText()))));
  private static final Constraint AUDIO_PART =
      object(required("input_audio", object(required("data", text()), required("format", text()))));
  private static final Constraint FILE_PART = object(required("file", object()));
  private static final Constraint REFUSAL_PART = object(required("refusal", text()));

  /** A content part: text, image, audio, file, or a refusal (assistant history). Built once, checked per part. */
  public static final Constraint CONTENT_PART = (path, value) -> {
    PART_TYPE.check(path, value);
    Constraint part = switch (value.get("type").textValue()) {
      case "text" -> TEXT_PART;
      case "image_url" -> IMAGE_PART;
      case "input_audio" -> AUDIO_PART;
      case "file" -> FILE_PART;
      default -> REFUSAL_PART;
    };
    part.check(path, value);
  };

  /** A message's content: a string, or an array of parts (null for assistant tool calls). */
  public static final Constraint CONTENT =
      either("a string or an array of content parts",
          JsonType.STRING.then(text()),
          JsonType.ARRAY.then(array(CONTENT_PART, 0, Integer.MAX_VALUE)));

  private static final Constraint MESSAGE = object(
      required("role", oneOf("system", "developer", "user", "assistant", "tool", "function")),
      optional("content", CONTENT),
      optional("name", text()),
      optional("tool_calls", array(object(), 0, Integer.MAX_VALUE)),
      optional("tool_call_id", text()));

  public static final RequestValidator CHAT = new RequestValidator(
      required("model", nonEmptyText()),
      required("messages", array(MESSAGE, 1, Integer.MAX_VALUE)),
      TEMPERATURE,
      TOP_P,
      STREAM,
      optional("n", integer(1, MAX_CHOICES)),
      optional("max_tokens", integer(1, Integer.MAX_VALUE)),
      optional("max_completion_tokens", integer(1, Integer.MAX_VALUE)),
      optional("presence_penalty", number(-2, 2)),
      optional("frequency_penalty", number(-2, 2)),
      optional("logprobs", bool()),
      optional("top_logprobs", integer(0, 20)),
      optional("seed", integer(Long.MIN_VALUE, Long.MAX_VALUE)),
      optional("user", text()),
      optional("stop", either("a string or an array of up to 4 strings",
          JsonType.STRING.then(text()), JsonType.ARRAY.then(array(text(), 0, 4)))),
      optional("stream_options", object()),
      optional("tools", array(object(required("type", text())), 0, Integer.MAX_VALUE)),
      optional("tool_choice", either("'none', 'auto', 'required' or an object",
          JsonType.STRING.then(oneOf("none", "auto", "required")), JsonType.OBJECT.then(object()))),
      optional("parallel_tool_calls", bool()),
      optional("response_format", object(required("type", oneOf("text", "json_object", "json_schema")))),
      optional("logit_bias", object()),
      optional("metadata", object()));

  private ChatRules() {}
}
