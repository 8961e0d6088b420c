package cn.liaison.platform.bulletin;

import com.samskivert.mustache.BasicCollector;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.MustacheParseException;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Renders the staff's bulletin templates with Mustache (JMustache), which has no expression language: a tag names a
 * value, a section repeats or skips text, nothing more. Three doors are closed on top of that: values are looked up
 * in maps only (no getters, fields or methods of Java objects: {{x.class}} finds nothing), no other template can be
 * included ({{> …}}), and the output is plain text; the pages escape it as HTML. Anything in a template that is not
 * a known tag ({@code ${T(java.lang.Runtime)…}}, {@code [[${…}]]}) is printed as it stands.
 */
final class BulletinTemplateEngine {

  static final int MAX_TEMPLATE_CHARS = 20_000;
  /** Sections nested in sections could multiply the text; a bulletin is a few pages. */
  static final int MAX_OUTPUT_CHARS = 400_000;

  private static final Pattern COMPOUND = Pattern.compile("compound variable '([^']+)'");
  private static final Pattern PARSE_LINE = Pattern.compile("line (\\d+)");
  private static final Set<String> SECTION_ONLY = BulletinVariables.DOCUMENTED.stream()
      .filter(TemplateVariable::sectionOnly).map(v -> v.name().split("\\.")[0]).collect(Collectors.toSet());

  /** Maps, lists and plain values only: the reflective lookup of JMustache's default collector is left out. */
  private static final Mustache.Collector MAPS_ONLY = new BasicCollector() {
    @Override
    public <K, V> Map<K, V> createFetcherCache() {
      return new ConcurrentHashMap<>();
    }
  };

  private static final Mustache.Compiler COMPILER = Mustache.compiler()
      .escapeHTML(false) // plain text: the preview escapes it, the .docx holds it as text
      .strictSections(true) // a section of an unknown name is a mistake to report, not an empty section
      .zeroIsFalse(true) // {{#receptions.sessions}}…{{/receptions.sessions}}: leave out what did not happen
      .emptyStringIsFalse(true)
      .nullValue("") // a rate without a denominator prints nothing
      .withCollector(MAPS_ONLY)
      .withLoader(name -> {
        throw new TemplateRefused("不支持引用其他模板（{{> " + name + "}}）。");
      });

  /** A template that cannot be used, with the reason in Chinese for the person who wrote it. */
  static final class TemplateRefused extends RuntimeException {
    TemplateRefused(String message) {
      super(message);
    }
  }

  private BulletinTemplateEngine() {}

  /** The text of one part for the given values; a mistake in the template is a {@link TemplateRefused}. */
  static String render(BulletinPart part, String body, Map<String, Object> values) {
    if (body == null || body.isBlank()) {
      throw new TemplateRefused("模板不能为空。");
    }
    if (body.length() > MAX_TEMPLATE_CHARS) {
      throw new TemplateRefused("模板最长 " + MAX_TEMPLATE_CHARS + " 字，现有 " + body.length() + " 字。");
    }
    try {
      Template template = COMPILER.compile(body);
      Writer out = new LimitedWriter();
      template.execute(values, out);
      return out.toString();
    } catch (TemplateRefused e) {
      throw e;
    } catch (MustacheException.Context e) {
      Matcher compound = COMPOUND.matcher(e.getMessage() == null ? "" : e.getMessage());
      String key = compound.find() ? compound.group(1) : fullName(body, e.key, e.lineNo);
      throw new TemplateRefused(unknownName(part, key, e.lineNo));
    } catch (MustacheParseException e) {
      throw new TemplateRefused(at(e.getMessage()) + "标记不完整：{{#名称}} 要有对应的 {{/名称}}，标记要写成 {{名称}}。");
    } catch (MustacheException e) {
      if (e.getCause() instanceof TemplateRefused refused) {
        throw refused;
      }
      throw new TemplateRefused(at(e.getMessage()) + "模板无法使用，请检查 {{ }} 标记。");
    } catch (UnsupportedOperationException e) {
      throw new TemplateRefused("不支持引用其他模板（{{> …}}）。");
    }
  }

  /**
   * The mistakes of a template, empty when it can be saved: it is rendered twice, once with every figure non-zero
   * (every {{#…}} section entered) and once with every figure zero (every {{^…}} section entered), so a wrong name
   * anywhere is found now and not on the day of the bulletin.
   */
  static List<String> check(BulletinPart part, String body) {
    List<String> errors = new ArrayList<>();
    for (boolean filled : new boolean[] {true, false}) {
      try {
        render(part, body, sampleValues(part, filled));
      } catch (TemplateRefused e) {
        if (!errors.contains(e.getMessage())) {
          errors.add(e.getMessage());
        }
      }
    }
    if (errors.isEmpty()) {
      String[] lines = body.split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        if (count(lines[i], "{{") > count(lines[i], "}}")) {
          errors.add("第 " + (i + 1) + " 行：{{ 没有对应的 }}。");
          break;
        }
      }
    }
    return errors;
  }

  /** Values with the shape of a real bulletin's, for {@link #check}. */
  static Map<String, Object> sampleValues(BulletinPart part, boolean filled) {
    var station = new cn.liaison.platform.station.Station("sample", "示例联络站",
        cn.liaison.platform.station.Station.Kind.MOBILE, "原阳县", "太平镇", "", true, List.of());
    var period = java.time.LocalDate.of(2027, 1, 1);
    List<Map<String, Object>> stations = filled ? List.of(BulletinVariables.stationEntry(station, "示例联络站工作情况"))
        : List.of();
    Map<String, Object> common = BulletinVariables.common(1, period, period, period.plusMonths(6), stations);
    return part == BulletinPart.SECTION
        ? BulletinVariables.section(common, station, BulletinVariables.sample(filled)) : common;
  }

  private static String unknownName(BulletinPart part, String key, int line) {
    String root = key == null ? "" : key.split("\\.")[0];
    String where = line > 0 ? "第 " + line + " 行：" : "";
    if (part != BulletinPart.SECTION && SECTION_ONLY.contains(root)) {
      return where + "{{" + key + "}} 只能用在“" + BulletinPart.SECTION.label() + "”中。";
    }
    return where + "没有名为 {{" + key + "}} 的变量，可用的变量见变量说明。";
  }

  /** JMustache names only the first missing part of a dotted name; the tag on that line has all of it. */
  private static String fullName(String body, String key, int line) {
    if (key == null) {
      return "";
    }
    String[] lines = body.split("\n", -1);
    if (line < 1 || line > lines.length) {
      return key;
    }
    Matcher m = Pattern.compile("\\{\\{\\s*[#^/&{]?\\s*(" + Pattern.quote(key) + "(?:\\.[^\\s}]+)?)\\s*}").matcher(lines[line - 1]);
    return m.find() ? m.group(1) : key;
  }

  private static String at(String message) {
    Matcher m = PARSE_LINE.matcher(message == null ? "" : message);
    return m.find() ? "第 " + m.group(1) + " 行：" : "";
  }

  private static int count(String s, String what) {
    int n = 0;
    for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + what.length())) {
      n++;
    }
    return n;
  }

  /** A StringWriter that refuses to grow past {@link #MAX_OUTPUT_CHARS}. */
  private static final class LimitedWriter extends StringWriter {
    private void room(int more) {
      if (getBuffer().length() + more > MAX_OUTPUT_CHARS) {
        throw new TemplateRefused("生成的简报超过 " + MAX_OUTPUT_CHARS + " 字，请检查模板中的重复段落。");
      }
    }

    @Override
    public void write(int c) {
      room(1);
      super.write(c);
    }

    @Override
    public void write(char[] cbuf, int off, int len) {
      room(len);
      super.write(cbuf, off, len);
    }

    @Override
    public void write(String str) {
      room(str.length());
      super.write(str);
    }

    @Override
    public void write(String str, int off, int len) {
      room(len);
      super.write(str, off, len);
    }

    @Override
    public void flush() {}

    @Override
    public void close() throws IOException {}
  }
}
