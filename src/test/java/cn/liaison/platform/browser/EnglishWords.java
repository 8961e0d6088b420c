package cn.liaison.platform.browser;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the English words in what a page shows. A word is a run of two or more Latin letters, taken with the
 * digits, dots, hyphens and underscores joined to it (so "staff1", "YJ20261202-0001", "opinion-loop" and a UUID
 * are one token each). Not English: the vendor's name ("Camunda"), tokens with a digit (ids, ticket numbers,
 * user ids like staff1, versions), snake-case codes (ASSIGN_DEPARTMENT) and the ids the test knows from the
 * engine and the data it entered (user and group ids, process and decision keys, variable names and codes,
 * tracking keys, the browser's time zone), e-mail addresses and Java class names. Everything else counts, once
 * per word.
 */
final class EnglishWords {

  static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9]+(?:[._:/-][A-Za-z0-9]+)*");
  static final Pattern WORD = Pattern.compile("[A-Za-z]{2,}");
  /** E-mail addresses and Java class names (Cockpit shows an object variable's type) are data and ids. */
  static final Pattern DATA = Pattern.compile(
      "[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+|\\b(java|javax|cn|org)(\\.[a-z]\\w*)+\\.[A-Z]\\w*");

  /** Always allowed: the vendor's name, shown in the logo and the footer. */
  static final Set<String> VENDOR = Set.of("Camunda");

  private final Set<String> allowed = new LinkedHashSet<>(VENDOR);

  EnglishWords allow(Collection<String> ids) {
    ids.stream().filter(id -> id != null && !id.isBlank()).forEach(allowed::add);
    return this;
  }

  EnglishWords allow(String... ids) {
    return allow(Set.of(ids));
  }

  /** The English words in the text, in alphabetical order. */
  SortedSet<String> in(String text) {
    SortedSet<String> found = new TreeSet<>();
    Matcher token = TOKEN.matcher(DATA.matcher(text).replaceAll(" "));
    while (token.find()) {
      String t = token.group();
      if (!WORD.matcher(t).find() || allowed(t)) {
        continue;
      }
      found.add(t);
    }
    return found;
  }

  private boolean allowed(String token) {
    if (allowed.contains(token) || token.chars().anyMatch(Character::isDigit)) {
      return true;
    }
    if (token.contains("_")) {
      return true;
    }
    // a path or dotted name made only of allowed parts (e.g. "dept-water/opinion-loop")
    String[] parts = token.split("[./:]");
    if (parts.length > 1) {
      for (String part : parts) {
        if (WORD.matcher(part).find() && !allowed(part)) {
          return false;
        }
      }
      return true;
    }
    return false;
  }
}
