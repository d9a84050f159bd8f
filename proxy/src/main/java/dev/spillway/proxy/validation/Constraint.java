package dev.spillway.proxy.validation;

import com.fasterxml.jackson.databind.JsonNode;

/** What one value must be. Constraints compose ({@link Constraints}); a broken one throws the 400. */
@FunctionalInterface
public interface Constraint {
  /**
   * @param path the value's place in the body, for the error's {@code param} (spelled out only then)
   * @param value present and not JSON null (nullability is the field's business)
   * @throws dev.spillway.proxy.http.ApiError when the value breaks the constraint
   */
  void check(ParamPath path, JsonNode value);
}
