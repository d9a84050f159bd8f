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
  private final List<Field> fields;
  private final List<ParamPath> paths;

  public RequestValidator(Field... fields) {
    this.fields = List.of(fields);
    this.paths = this.fields.stream().map(field -> ParamPath.BODY.member(field.name())).toList();
  }

  /** @throws dev.spillway.proxy.http.ApiError the 400 for the first broken parameter */
  public void validate(ObjectNode body) {
    for (int i = 0; i < fields.size(); i++) {
      Field field = fields.get(i);
      Constraints.checkField(paths.get(i), body.get(field.name()), field);
    }
  }
}
