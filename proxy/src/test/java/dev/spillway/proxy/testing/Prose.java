package dev.spillway.proxy.testing;

import java.util.List;
import java.util.Random;

/**
 * Answers of known form for drift tests: English-like prose drawn from common words (varied length
 * and wording, as a model's answers to different prompts are) and keyboard mash.
 */
public final class Prose {
  private static final List<String> WORDS = List.of((
      "the of and to a in is it you that he was for on are with as his they be at one have this from"
          + " or had by not word but what some we can out other were all there when up use your how said"
          + " an each she which do their time if will way about many then them write would like so these"
          + " her long make thing see him two has look more day could go come did number sound no most"
          + " people my over know water than call first who may down side been now find any new work part"
          + " take get place made live where after back little only round man year came show every good me"
          + " give our under name very through just form sentence great think say help low line differ"
          + " turn cause much mean before move right boy old too same tell does set three want air well"
          + " also play small end put home read hand port large spell add even land here must big high"
          + " such follow act why ask men change went light kind off need house picture try us again animal"
          + " point mother world near build self earth father head stand own page should country found"
          + " answer school grow study still learn plant cover food sun four between state keep eye never"
          + " last let thought city tree cross farm hard start might story saw far sea draw left late run"
          + " while press close night real life few north open seem together next white children begin")
      .split(" "));
  private static final String CONSONANT_HEAVY = "bcdfghjklmnpqrstvwxzbcdfghjklmnpqrstvwxza";

  private Prose() {}

  /** A prose answer of about this many words, in sentences. */
  public static String prose(Random random, int words) {
    StringBuilder text = new StringBuilder();
    int sentence = 0;
    for (int i = 0; i < words; i++) {
      // Zipf's law, as in every language: the word of rank r is used about 1/r as often as the first.
      int rank = (int) Math.floor(Math.exp(random.nextDouble() * Math.log(WORDS.size() + 1))) - 1;
      String word = WORDS.get(Math.min(WORDS.size() - 1, rank));
      text.append(sentence == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
      sentence++;
      boolean end = sentence > 6 && random.nextInt(8) == 0 || i == words - 1;
      text.append(end ? ". " : " ");
      sentence = end ? 0 : sentence;
    }
    return text.toString().trim();
  }

  /** Consonant-heavy keyboard mash: distinct words, Latin letters, no language. */
  public static String mash(Random random, int words) {
    StringBuilder text = new StringBuilder();
    for (int w = 0; w < words; w++) {
      int letters = 3 + random.nextInt(7);
      for (int i = 0; i < letters; i++) {
        text.append(CONSONANT_HEAVY.charAt(random.nextInt(CONSONANT_HEAVY.length())));
      }
      text.append(' ');
    }
    return text.toString().trim();
  }
}
