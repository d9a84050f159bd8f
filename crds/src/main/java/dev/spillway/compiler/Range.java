package dev.spillway.compiler;

/**
 * An allowed interval of numbers, able to say in words what it allows. One type serves integer and
 * decimal fields alike so every range message reads the same.
 */
record Range(double min, boolean minOpen, double max, boolean maxOpen) {

  /** min ≤ x ≤ max. */
  static Range between(double min, double max) {
    return new Range(min, false, max, false);
  }

  /** x ≥ min. */
  static Range atLeast(double min) {
    return new Range(min, false, Double.POSITIVE_INFINITY, false);
  }

  /** x > min. */
  static Range above(double min) {
    return new Range(min, true, Double.POSITIVE_INFINITY, false);
  }

  /** min < x ≤ max. */
  static Range aboveUpTo(double min, double max) {
    return new Range(min, true, max, false);
  }

  boolean contains(double value) {
    if (Double.isNaN(value)) {
      return false;
    }
    boolean lowOk = minOpen ? value > min : value >= min;
    boolean highOk = maxOpen ? value < max : value <= max;
    return lowOk && highOk;
  }

  /** E.g. "between 0 and 1", "at least 1", "greater than 0 and at most 1". */
  String describe() {
    String low = (minOpen ? "greater than " : "at least ") + format(min);
    if (Double.isInfinite(max)) {
      return low;
    }
    if (!minOpen && !maxOpen) {
      return "between " + format(min) + " and " + format(max);
    }
    return low + " and " + (maxOpen ? "less than " : "at most ") + format(max);
  }

  /** Whole numbers without a trailing ".0", so integer fields read naturally. */
  static String format(double value) {
    if (value == Math.rint(value) && !Double.isInfinite(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }
}
