package dev.spillway.proxy.validation;

/**
 * A named member of an object and its constraint.
 *
 * @param required absent (or null) is a 400
 * @param nullable JSON null is allowed (and skips the constraint)
 */
public record Field(String name, boolean required, boolean nullable, Constraint constraint) {
  public static Field required(String name, Constraint constraint) {
    return new Field(name, true, false, constraint);
  }

  /** Optional, and null means absent (as the OpenAI API reads most parameters). */
  public static Field optional(String name, Constraint constraint) {
    return new Field(name, false, true, constraint);
  }
}
