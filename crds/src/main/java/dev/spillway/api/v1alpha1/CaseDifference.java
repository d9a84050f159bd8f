package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class CaseDifference {
  @JsonPropertyDescription("The case name.")
  public String name;

  public Double candidate;
  public Double incumbent;

  @JsonPropertyDescription(
      "Reason class of the lower side: wrongAnswer, codeFence, escaping, whitespaceOrCase, lengthCut,"
          + " refusal, empty, callFailed, tooSlow, unjudged.")
  public String reason;

  @JsonPropertyDescription("Which side scored lower: candidate or incumbent.")
  public String lowerSide;

  @JsonPropertyDescription("The first failed check of the lower side, in words.")
  public String detail;
}
