package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** What a policy checks in every answer, and how it watches each target's quality over time. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class QualitySpec {
  @JsonPropertyDescription(
      "Checks every answer must pass; a failed check sends the call to the next candidate before the"
          + " client sees it. Any of: empty, truncated (finish_reason length without a max_tokens),"
          + " refusal (refusal or content_filter), json (valid JSON under JSON mode), schema (structured"
          + " output matches its schema), toolArguments (tool-call arguments match the tool's"
          + " parameters), script (answer in the prompt's writing system), repetition (degenerate"
          + " loops), image, audio, embedding (media answers decode and are not blank, silent or zero)."
          + " Default: empty, json, schema, toolArguments, image, audio, embedding, video; [] turns checks off.")
  public List<String> checks;

  @JsonPropertyDescription("Drift detection: demote a target whose answers start failing checks.")
  public QualityDriftSpec drift;

  @JsonPropertyDescription(
      "Golden requests to each target on an interval, judged like answers: they keep drift detection"
          + " informed while a demoted target gets no traffic. Off when unset.")
  public QualityProbeSpec probe;
}
