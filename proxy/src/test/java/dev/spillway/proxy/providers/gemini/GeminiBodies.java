package dev.spillway.proxy.providers.gemini;

/** Gemini API bodies in the shapes its documentation shows. */
final class GeminiBodies {
  static final String MODEL = "gemini-2.5-flash";

  private GeminiBodies() {}

  static String usage(int prompt, int candidates, int cached, int thoughts) {
    return """
        {"promptTokenCount":%d,"candidatesTokenCount":%d,"totalTokenCount":%d,
         "cachedContentTokenCount":%d,"thoughtsTokenCount":%d}"""
        .formatted(prompt, candidates, prompt + candidates + thoughts, cached, thoughts);
  }

  /** A whole response: one candidate with these parts. */
  static String response(String finishReason, String usage, String... parts) {
    return """
        {"candidates":[{"content":{"parts":[%s],"role":"model"},"finishReason":"%s","index":0,
          "safetyRatings":[{"category":"HARM_CATEGORY_HARASSMENT","probability":"NEGLIGIBLE"}]}],
         "usageMetadata":%s,"modelVersion":"%s","responseId":"resp-1"}"""
        .formatted(String.join(",", parts), finishReason, usage, MODEL);
  }

  /** One streamed piece: parts without a finish reason. */
  static String piece(String... parts) {
    return """
        {"candidates":[{"content":{"parts":[%s],"role":"model"},"index":0}],
         "usageMetadata":{"promptTokenCount":9,"totalTokenCount":9},"modelVersion":"%s","responseId":"resp-2"}"""
        .formatted(String.join(",", parts), MODEL);
  }

  static String text(String text) {
    return "{\"text\":\"" + text + "\"}";
  }

  static String thought(String text) {
    return "{\"text\":\"" + text + "\",\"thought\":true}";
  }

  static String functionCall(String name, String args) {
    return "{\"functionCall\":{\"name\":\"" + name + "\",\"args\":" + args + "},\"thoughtSignature\":\"c2lnLTE=\"}";
  }

  static String error(int code, String status, String message) {
    return "{\"error\":{\"code\":%d,\"message\":\"%s\",\"status\":\"%s\"}}".formatted(code, message, status);
  }
}
