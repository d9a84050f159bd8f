package dev.spillway.proxy.validation;

import static dev.spillway.proxy.validation.Constraints.array;
import static dev.spillway.proxy.validation.Constraints.either;
import static dev.spillway.proxy.validation.Constraints.integer;
import static dev.spillway.proxy.validation.Constraints.nonEmptyText;
import static dev.spillway.proxy.validation.Constraints.number;
import static dev.spillway.proxy.validation.Constraints.oneOf;
import static dev.spillway.proxy.validation.Constraints.text;
import static dev.spillway.proxy.validation.Field.optional;
import static dev.spillway.proxy.validation.Field.required;

import dev.spillway.proxy.validation.Constraints.JsonType;
import java.util.regex.Pattern;

/** The embeddings, image-generation, speech and transcription bodies as the OpenAI API documents them. */
public final class MediaRules {
  /** OpenAI's limit on one image request; it also bounds the work one request can ask for. */
  static final int MAX_IMAGES = 10;
  /** OpenAI's limit on the text of one speech request. */
  static final int MAX_SPEECH_CHARS = 4096;
  private static final Pattern SIZE = Pattern.compile("(auto|[1-9][0-9]{1,3}x[1-9][0-9]{1,3})");

  private static final Constraint SIZE_TEXT = (path, value) -> {
    text().check(path, value);
    if (!SIZE.matcher(value.textValue()).matches()) {
      throw InvalidParam.VALUE.at(path, "'" + path + "' is '" + value.textValue() + "'; expected WIDTHxHEIGHT such as 1024x1024, or auto");
    }
  };

  private static final Constraint SPEECH_TEXT = (path, value) -> {
    nonEmptyText().check(path, value);
    if (value.textValue().length() > MAX_SPEECH_CHARS) {
      throw InvalidParam.ABOVE_MAX.at(path, "'" + path + "' has " + value.textValue().length()
          + " characters; the maximum is " + MAX_SPEECH_CHARS);
    }
  };

  public static final RequestValidator EMBEDDINGS = new RequestValidator(
      required("model", nonEmptyText()),
      required("input", either("a string, an array of strings, or an array of token arrays",
          JsonType.STRING.then(text()),
          JsonType.ARRAY.then(array(either("a string or an array of token ids",
              JsonType.STRING.then(text()), JsonType.ARRAY.then(array(integer(0, Integer.MAX_VALUE), 1, Integer.MAX_VALUE)),
              JsonType.NUMBER.then(integer(0, Integer.MAX_VALUE))), 1, 2048)))),
      optional("dimensions", integer(1, 65_536)),
      optional("encoding_format", oneOf("float", "base64")),
      optional("user", text()));

  public static final RequestValidator IMAGES = new RequestValidator(
      required("model", nonEmptyText()),
      required("prompt", nonEmptyText()),
      optional("n", integer(1, MAX_IMAGES)),
      optional("size", SIZE_TEXT),
      optional("response_format", oneOf("url", "b64_json")),
      optional("quality", text()),
      optional("style", text()),
      optional("user", text()));

  public static final RequestValidator SPEECH = new RequestValidator(
      required("model", nonEmptyText()),
      required("input", SPEECH_TEXT),
      required("voice", nonEmptyText()),
      optional("response_format", oneOf("mp3", "opus", "aac", "flac", "wav", "pcm")),
      optional("speed", number(0.25, 4)),
      optional("instructions", text()));

  /**
   * A transcription upload, its form fields as {@code media.MultipartForm} carries them (all text:
   * multipart has no numbers), the audio as {@code file}.
   */
  public static final RequestValidator TRANSCRIPTIONS = new RequestValidator(
      required("model", nonEmptyText()),
      required("file", nonEmptyText()),
      // Transcripts are relayed as JSON: text, srt and vtt (plain-text answers) are refused before any call.
      optional("response_format", oneOf("json", "verbose_json")),
      optional("language", text()),
      optional("prompt", text()));

  private MediaRules() {}
}
