package dev.spillway.proxy.quality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.proxy.testing.Prose;
import java.lang.Character.UnicodeScript;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Drift of the answers' form, on answers of known form: prose of every length never alarms;
 * gibberish and a switched writing system do, within a handful of answers, each named
 * by the statistic that moved; the alarm clears with hysteresis once the answers read right again.
 */
class FormDriftTest {
  private static final int MIN_SAMPLES = 20;
  private static final RequestExpectations LATIN_PROMPT =
      new RequestExpectations(false, null, Map.of(), false, UnicodeScript.LATIN);

  private final Random random = new Random(7);
  private final FormDrift drift = new FormDrift();

  @Test
  void proseOfEveryLengthNeverAlarms() {
    double highest = 0;
    for (int i = 0; i < 5_000; i++) {
      assertThat(drift.record(form(Prose.prose(random, 15 + random.nextInt(300))), MIN_SAMPLES, true)).isFalse();
      highest = Math.max(highest, drift.sigma());
    }
    assertThat(drift.alarmed()).isFalse();
    assertThat(highest).isLessThan(FormDrift.ALARM_SIGMA / 2);
  }

  @Test
  void answersThatGrowTenfoldAreNoDrift() {
    healthyBaseline();
    for (int i = 0; i < 30; i++) {
      drift.record(form(Prose.prose(random, 600 + random.nextInt(200))), MIN_SAMPLES, true);
    }
    // The length moved far (and is shown), but length follows what users ask: no alarm.
    assertThat(drift.shift(FormStatistic.LENGTH)).as("length shift").isGreaterThan(2);
    for (int i = 0; i < 500; i++) {
      drift.record(form(Prose.prose(random, 600 + random.nextInt(200))), MIN_SAMPLES, true);
    }
    assertThat(drift.alarmed()).isFalse();
  }

  @Test
  void gibberishThatPassesEveryCheckRaisesTheAlarmWithinAFewAnswers() {
    healthyBaseline();
    int answers = raise(r -> Prose.mash(r, 40));
    assertThat(answers).isLessThanOrEqualTo(10);
    assertThat(drift.sigma()).isGreaterThanOrEqualTo(FormDrift.ALARM_SIGMA);
    assertThat(drift.worst()).isIn(FormStatistic.VOWEL_SHARE, FormStatistic.WORD_LENGTH);
  }

  @Test
  void answersInAnotherWritingSystemRaiseTheAlarmOnScriptShare() {
    healthyBaseline();
    String cyrillic = "Это ответ на другом языке, хотя вопрос был задан по-английски, и так каждый раз снова.";
    assertThat(raise(r -> cyrillic + " " + cyrillic)).isLessThanOrEqualTo(10);
    assertThat(drift.worst()).isEqualTo(FormStatistic.SCRIPT_SHARE);
  }

  @Test
  void theAlarmHoldsItsPeakAndClearsOnlyWhenAnswersReadRightAgain() {
    healthyBaseline();
    raise(r -> Prose.mash(r, 40));
    double peak = drift.sigma();
    drift.record(form(Prose.prose(random, 80)), MIN_SAMPLES, true);
    assertThat(drift.alarmed()).isTrue();
    assertThat(drift.sigma()).isEqualTo(peak);

    int answers = 0;
    while (drift.alarmed() && answers < 200) {
      drift.record(form(Prose.prose(random, 80)), MIN_SAMPLES, true);
      answers++;
    }
    assertThat(drift.alarmed()).isFalse();
    assertThat(answers).isGreaterThan(5);
    assertThat(drift.sigma()).isLessThan(FormDrift.CLEAR_SIGMA);
  }

  @Test
  void gibberishDuringTheAlarmNeverBecomesTheBaseline() {
    healthyBaseline();
    raise(r -> Prose.mash(r, 40));
    double healthyVowels = drift.mean(FormStatistic.VOWEL_SHARE);
    for (int i = 0; i < 2_000; i++) {
      drift.record(form(Prose.mash(random, 40)), MIN_SAMPLES, true);
    }
    assertThat(drift.alarmed()).isTrue();
    assertThat(drift.mean(FormStatistic.VOWEL_SHARE)).isEqualTo(healthyVowels);
  }

  @Test
  void probesMoveTheRecentAnswersButNeverTeachTheBaseline() {
    for (int i = 0; i < 100; i++) {
      drift.record(form(Prose.mash(random, 40)), MIN_SAMPLES, false);
    }
    assertThat(drift.mean(FormStatistic.VOWEL_SHARE)).isNaN();
  }

  @Test
  void noAnswerIsScoredBeforeTheBaselineHasEnoughAnswers() {
    for (int i = 0; i < FormDrift.MIN_BASELINE - 1; i++) {
      drift.record(form(Prose.prose(random, 60)), MIN_SAMPLES, true);
    }
    for (int i = 0; i < 20; i++) {
      assertThat(drift.record(form(Prose.mash(random, 40)), MIN_SAMPLES, false)).isFalse();
    }
    assertThat(drift.sigma()).isZero();
  }

  private void healthyBaseline() {
    for (int i = 0; i < 300; i++) {
      drift.record(form(Prose.prose(random, 20 + random.nextInt(150))), MIN_SAMPLES, true);
    }
    assertThat(drift.alarmed()).isFalse();
  }

  /** Feeds these answers until the alarm is raised; how many it took. */
  private int raise(Function<Random, String> answer) {
    for (int i = 1; i <= 100; i++) {
      if (drift.record(form(answer.apply(random)), MIN_SAMPLES, true)) {
        assertThat(drift.alarmed()).isTrue();
        return i;
      }
    }
    StringBuilder shifts = new StringBuilder();
    for (FormStatistic statistic : FormStatistic.values()) {
      shifts.append(statistic).append('=').append(drift.shift(statistic)).append(" mean ").append(drift.mean(statistic)).append("; ");
    }
    throw new AssertionError("no alarm after 100 answers; sigma " + drift.sigma() + ": " + shifts);
  }

  private static AnswerForm form(String text) {
    AnswerForm form = AnswerForm.of(text, LATIN_PROMPT);
    assertThat(form).as("a form for: " + text).isNotNull();
    return form;
  }
}
