package dev.spillway.proxy.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The named members of an object rule, checked in rule order: the first broken one is the error
 * reported. Only the members the object has and the required ones are looked at — a chat body
 * names 3 or 4 of its rule set's 23 parameters, and asking the object for each absent one was most
 * of the validation's cost. Immutable.
 */
final class Members {
  private final Field[] fields;
  private final Map<String, Integer> positions = new HashMap<>();
  /** Bit i set when rule i is required: it is checked even when absent (to report it missing). */
  private final long required;

  Members(List<Field> fields) {
    // A long's bits mark the rules to check: no allocation per object checked.
    if (fields.size() > Long.SIZE) {
      throw new IllegalArgumentException(
          "an object rule names at most " + Long.SIZE + " members, not " + fields.size());
    }
    this.fields = fields.toArray(Field[]::new);
    long mustHave = 0;
    for (int i = 0; i < this.fields.length; i++) {
      if (positions.putIfAbsent(this.fields[i].name(), i) != null) {
        throw new IllegalArgumentException("member '" + this.fields[i].name() + "' is named twice");
      }
      mustHave |= this.fields[i].required() ? 1L << i : 0;
    }
    this.required = mustHave;
  }

  /** @throws dev.spillway.proxy.http.ApiError the 400 for the first broken member, in rule order */
  void check(ParamPath path, JsonNode object) {
    long toCheck = required;
    for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
      Integer position = positions.get(names.next());
      if (position != null) {
        toCheck |= 1L << position;
      }
    }
    while (toCheck != 0) {
      Field field = fields[Long.numberOfTrailingZeros(toCheck)];
      toCheck &= toCheck - 1;
      Constraints.checkField(path.member(field.name()), object.get(field.name()), field);
    }
  }
}
