package dev.spillway.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Consumer;

/** The valid test set with one thing broken, and the one problem that must say so. */
final class ValidationCase {
  private final String description;
  private final Consumer<TestResources> breakIt;
  private String kind;
  private String name;
  private String field;
  private String[] messageParts;

  private ValidationCase(String description, Consumer<TestResources> breakIt) {
    this.description = description;
    this.breakIt = breakIt;
  }

  static ValidationCase invalid(String description, Consumer<TestResources> breakIt) {
    return new ValidationCase(description, breakIt);
  }

  ValidationCase expect(String kind, String name, String field, String... messageParts) {
    this.kind = kind;
    this.name = name;
    this.field = field;
    this.messageParts = messageParts;
    return this;
  }

  /**
   * Exactly one problem — so one mistake never drowns in follow-up noise — on the field, of the
   * right resource, with a message that says every part.
   */
  void assertReported() {
    TestResources resources = TestResources.valid();
    breakIt.accept(resources);
    CompileResult result = resources.compile();

    assertThat(result.ok()).as("compiles although " + description).isFalse();
    assertThat(result.config()).isNull();
    assertThat(result.problems())
        .as("problems of " + description)
        .singleElement()
        .satisfies(problem -> {
          assertThat(problem.field()).isEqualTo(field);
          assertThat(problem.kind()).isEqualTo(kind);
          assertThat(problem.name()).isEqualTo(name);
          assertThat(problem.message()).contains(messageParts);
        });
  }

  @Override
  public String toString() {
    return description;
  }
}
