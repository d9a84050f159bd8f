package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** What fallbacks a caller may name in its own request (body {@code fallbacks} or header). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CallerFallbacksSpec {
  @JsonPropertyDescription(
      "Whether matching requests may name their own fallbacks (default true). When false, a request"
          + " that names any is refused with 400.")
  public Boolean allow;

  @JsonPropertyDescription(
      "The LogicalModels a caller may name as fallbacks; empty allows any known model. A request"
          + " naming another is refused with 400.")
  public List<String> models;
}
