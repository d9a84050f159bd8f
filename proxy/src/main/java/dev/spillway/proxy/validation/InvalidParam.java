package dev.spillway.proxy.validation;

import dev.spillway.proxy.http.ApiError;

/** Why a parameter was refused: the {@code code} of the 400, as OpenAI spells its own. */
public enum InvalidParam {
  MISSING("missing_required_parameter"),
  TYPE("invalid_type"),
  VALUE("invalid_value"),
  EMPTY_ARRAY("empty_array"),
  ARRAY_TOO_LONG("array_above_max_length"),
  BELOW_MIN("below_min_value"),
  ABOVE_MAX("above_max_value");

  private final String code;

  InvalidParam(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /** The 400 naming the parameter's path, e.g. {@code messages[2].role}. */
  public ApiError at(ParamPath path, String message) {
    return ApiError.of(400, "invalid_request_error", code, path.toString(), message);
  }
}
