package dev.spillway.proxy.auth;

import dev.spillway.proxy.http.ApiError;
import java.util.Locale;

/** Why a call was refused at the door or by its consumer's allowances, with the status it gets. */
public enum Rejection {
  MISSING_KEY(401, "invalid_request_error", "missing_api_key"),
  UNKNOWN_KEY(401, "invalid_request_error", "invalid_api_key"),
  EXPIRED_KEY(401, "invalid_request_error", "expired_api_key"),
  MODEL_NOT_ALLOWED(403, "permission_error", "model_not_allowed"),
  POLICY_NOT_ALLOWED(403, "permission_error", "policy_not_allowed"),
  RATE_LIMITED(429, "rate_limit_error", "consumer_rate_limit_exceeded"),
  BUDGET_EXHAUSTED(429, "rate_limit_error", "consumer_budget_exhausted");

  private final int status;
  private final String type;
  private final String code;

  Rejection(int status, String type, String code) {
    this.status = status;
    this.type = type;
    this.code = code;
  }

  public int status() {
    return status;
  }

  /** The metric label: the code without its suffix noise, lower case. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The answer, in OpenAI's shape (an endpoint's {@link dev.spillway.proxy.http.ErrorShape} reshapes it). */
  public ApiError error(String message) {
    return ApiError.of(status, type, code, null, message);
  }
}
