package cn.liaison.platform.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every label and date word of Camunda's English webapps has its Chinese one: for each app, our
 * {@code app/<app>/locales/zh.json} holds every key of the webjar's {@code en.json} (its {@code labels} and, where
 * the English file has them, its {@code dateLocales}). A Camunda upgrade that adds labels fails here, listing them.
 */
class WebappTranslationTests {

  static final String LOCALES = "META-INF/resources/webjars/camunda/app/%s/locales/%s.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  void chineseLocaleHasEveryKeyOfTheEnglishOne(String app) throws IOException {
    JsonNode english = read(app, "en");
    assertThat(english).as("Camunda's English locale of %s (%s) on the classpath", app, path(app, "en")).isNotNull();
    JsonNode chinese = read(app, "zh");
    assertThat(chinese).as("our Chinese locale of %s: %s is missing (it needs the %d labels%s of en.json)", app,
        path(app, "zh"), english.path("labels").size(), english.has("dateLocales") ? " and the dateLocales" : "")
        .isNotNull();

    List<String> missing = new ArrayList<>();
    missing.addAll(missingKeys(english.path("labels"), chinese.path("labels"), "labels."));
    if (english.has("dateLocales")) {
      missing.addAll(missingKeys(english.path("dateLocales"), chinese.path("dateLocales"), "dateLocales."));
    }
    assertThat(missing).as("keys of %s missing in %s (%d)", path(app, "en"), path(app, "zh"), missing.size())
        .isEmpty();
  }

  /**
   * Keys of {@code english} (recursively, and array lengths) that {@code chinese} lacks or leaves empty. Only the
   * plural suffix "s" that Cockpit appends to nouns ("instance" + "s") may be empty: Chinese has no plural.
   */
  static List<String> missingKeys(JsonNode english, JsonNode chinese, String prefix) {
    var missing = new TreeSet<String>();
    Iterator<Map.Entry<String, JsonNode>> fields = english.fields();
    while (fields.hasNext()) {
      var field = fields.next();
      String key = prefix + field.getKey();
      JsonNode theirs = chinese.get(field.getKey());
      JsonNode ours = field.getValue();
      boolean pluralSuffix = "s".equals(ours.asText().strip());
      if (theirs == null || theirs.isNull()
          || (theirs.isTextual() && theirs.asText().isBlank() && !ours.asText().isBlank() && !pluralSuffix)) {
        missing.add(key);
      } else if (ours.isObject()) {
        missing.addAll(missingKeys(ours, theirs, key + "."));
      } else if (ours.isArray() && (!theirs.isArray() || theirs.size() != ours.size())) {
        missing.add(key + " (" + ours.size() + " entries)");
      }
    }
    return new ArrayList<>(missing);
  }

  private static String path(String app, String locale) {
    return LOCALES.formatted(app, locale);
  }

  /** The locale file from the classpath (Camunda's start with a UTF-8 byte order mark), or null. */
  static JsonNode read(String app, String locale) throws IOException {
    try (InputStream in = WebappTranslationTests.class.getClassLoader().getResourceAsStream(path(app, locale))) {
      if (in == null) {
        return null;
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return JSON.readTree(text.startsWith("\uFEFF") ? text.substring(1) : text);
    }
  }
}
