package dev.spillway.proxy.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One endpoint's body rules: each named top-level parameter is checked (type, range, allowed
 * values, nested shapes), the first broken one answered as a 400 with a {@code code} and the
 * parameter's path; parameters the rules do not name pass through untouched, so new provider
 * parameters keep working. Immutable: one instance per endpoint, shared by every request.
 */
public final class RequestValidator {
  private final Members members;

  public RequestValidator(Field... fields) {
    this.members = new Members(List.of(fields));
  }

  /** @throws dev.spillway.proxy.http.ApiError the 400 for the first broken parameter, in rule order */
  public void validate(ObjectNode body) {
    members.check(ParamPath.BODY, body);
  }
}
