package cn.liaison.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each of the platform's tables is written by one class of its feature (its repository), so a reader who wants
 * to know how a row changes reads one class. Found by reading the SQL in src/main/java.
 */
class OneWriterPerTableTests {

  private static final Pattern WRITE = Pattern.compile("(?i)\\b(?:INSERT\\s+INTO|UPDATE|DELETE\\s+FROM|MERGE\\s+INTO)\\s+([a-z_]+)\\b");

  @Test
  void everyTableHasOneWriter() throws IOException {
    Map<String, Set<String>> writers = new TreeMap<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String source = Files.readString(file);
        Matcher m = WRITE.matcher(source);
        while (m.find()) {
          String table = m.group(1).toLowerCase();
          // "UPDATE ON" is a trigger's event (FigureCells) or prose about a permission, not a write
          if (!table.startsWith("act_") && !table.equals("set") && !table.equals("on")) {
            writers.computeIfAbsent(table, t -> new TreeSet<>()).add(file.getFileName().toString());
          }
        }
      }
    }
    assertThat(writers).as("tables written from the code").containsKeys("opinion", "household", "subsidy_batch");
    writers.forEach((table, classes) -> assertThat(classes).as("classes writing table " + table).hasSize(1));
  }
}
