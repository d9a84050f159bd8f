package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import java.util.List;

/** One eval case: a chat request and how to grade its answer. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EvalCase {
  @Required
  @JsonPropertyDescription("Unique within the set; names the case in reports and status.")
  public String name;

  @Required
  @PreserveUnknownFields
  @JsonPropertyDescription(
      "An OpenAI chat-completions request without model: messages, and optionally tools,"
          + " tool_choice, response_format, temperature, max_tokens.")
  public ObjectNode request;

  @Required
  @JsonPropertyDescription("How the answer is graded; the case scores the weighted mean of its graders.")
  public List<EvalGrader> graders;

  @Min(0)
  @JsonPropertyDescription("Weight of the case in the set's score (default 1).")
  public Double weight;

  @JsonPropertyDescription("Tags the case is reported under, e.g. json, tools, reasoning.")
  public List<String> tags;
}
