package dev.spillway.compiler;

import dev.spillway.api.v1alpha1.SecretKeyRef;
import dev.spillway.config.SecretRef;

/** Checks a reference to a Secret key against the Secrets that exist. */
final class SecretRefs {
  private SecretRefs() {}

  /**
   * The reference, or null when a part is missing; a Secret or key that does not exist is reported
   * but the reference is still returned (the config is rejected as a whole anyway).
   *
   * @param what what the key holds, for the message
   */
  static SecretRef resolve(String field, SecretKeyRef ref, String what, SecretCatalog secrets, FieldChecker check) {
    boolean named = check.require(field + ".name", ref.name, "the name of a Secret in this namespace");
    boolean keyed = check.require(field + ".key", ref.key, "the key inside the Secret that holds " + what);
    if (!named || !keyed) {
      return null;
    }
    if (!secrets.hasSecret(ref.name)) {
      check.report(field + ".name", "Secret \"" + ref.name + "\" does not exist" + secrets.absenceHint());
    } else if (!secrets.has(ref.name, ref.key)) {
      check.report(field + ".key", "Secret \"" + ref.name + "\" has no key \"" + ref.key + "\"");
    }
    return new SecretRef(ref.name, ref.key);
  }
}
