package cn.liaison.platform.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One person's browser: Debian's Chromium, headless, driven through its chromedriver, with a fresh profile and
 * Chinese as the language it asks pages for (--lang and the Accept-Language preference), so the pages see what a
 * Chinese user's browser shows them. Closing it removes the profile.
 *
 * <p>Where no Chromium or chromedriver is installed the tests using it are skipped with a one-line reason, except
 * under {@code CI=true}, where that fails them (.ci/run installs both).
 */
final class Browser implements AutoCloseable {

  /** Where screenshots and page dumps go. */
  static final Path OUT = Paths.get("target", "e2e");
  static final Duration WAIT = Duration.ofSeconds(Long.getLong("e2e.waitSeconds", 30));

  static final String CHROMIUM = System.getProperty("e2e.chromium", "/usr/bin/chromium");
  static final String CHROMEDRIVER = System.getProperty("e2e.chromedriver", "/usr/bin/chromedriver");

  private final ChromeDriver driver;
  private final Path profile;
  private final String baseUrl;

  private Browser(ChromeDriver driver, Path profile, String baseUrl) {
    this.driver = driver;
    this.profile = profile;
    this.baseUrl = baseUrl;
  }

  /** Skips (or under CI=true fails) the calling test when Chromium or chromedriver is not installed. */
  static void requireInstalled() {
    String missing = !Files.isExecutable(Paths.get(CHROMIUM)) ? CHROMIUM
        : !Files.isExecutable(Paths.get(CHROMEDRIVER)) ? CHROMEDRIVER : null;
    if (missing == null) {
      return;
    }
    String reason = "no browser for the browser tests: " + missing
        + " is missing (apt-get install chromium chromium-driver fonts-wqy-zenhei)";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      Assertions.fail(reason);
    }
    Assumptions.abort(reason);
  }

  /** A phone: a 390 × 844 touch screen at device pixel ratio 1. */
  static Browser phone(String baseUrl) {
    ChromeOptions options = options();
    options.setExperimentalOption("mobileEmulation",
        Map.of("deviceMetrics", Map.of("width", 390, "height", 844, "pixelRatio", 1.0, "touch", true)));
    options.addArguments("--window-size=390,844");
    return start(options, baseUrl);
  }

  /** An office computer's browser window. */
  static Browser desktop(String baseUrl) {
    ChromeOptions options = options();
    options.addArguments("--window-size=1440,1100");
    return start(options, baseUrl);
  }

  private static ChromeOptions options() {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--lang=zh-CN");
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "zh-CN,zh"));
    return options;
  }

  private static Browser start(ChromeOptions options, String baseUrl) {
    requireInstalled();
    Path profile;
    try {
      Files.createDirectories(OUT);
      profile = Files.createTempDirectory("e2e-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    options.addArguments("--user-data-dir=" + profile);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER))
        .usingAnyFreePort()
        .withLogFile(OUT.resolve("chromedriver.log").toFile())
        .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(WAIT).scriptTimeout(WAIT);
    return new Browser(driver, profile, baseUrl.replaceAll("/$", ""));
  }

  WebDriver driver() {
    return driver;
  }

  void open(String path) {
    driver.get(baseUrl + path);
  }

  /** Forgets who was logged in: the platform's cookies and the pages' storage (the next person at this desk). */
  void forgetSession() {
    if (driver.getCurrentUrl().startsWith(baseUrl)) {
      script("localStorage.clear(); sessionStorage.clear();");
    }
    driver.manage().deleteAllCookies();
  }

  <T> T waitFor(String what, Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, WAIT, Duration.ofMillis(200)).withMessage(what)
        .ignoring(StaleElementReferenceException.class).until(condition);
  }

  /** The first displayed element the selector finds, waiting for it. */
  WebElement shown(By by) {
    return waitFor("shown: " + by, d -> d.findElements(by).stream().filter(WebElement::isDisplayed).findFirst()
        .orElse(null));
  }

  List<WebElement> all(By by) {
    return driver.findElements(by).stream().filter(WebElement::isDisplayed).toList();
  }

  boolean isShown(By by) {
    return !all(by).isEmpty();
  }

  void click(By by) {
    WebElement element = waitFor("clickable: " + by, d -> d.findElements(by).stream()
        .filter(e -> e.isDisplayed() && e.isEnabled()).findFirst().orElse(null));
    scrollIntoView(element);
    element.click();
  }

  void type(By by, String text) {
    WebElement element = shown(by);
    scrollIntoView(element);
    element.clear();
    element.sendKeys(text);
  }

  void scrollIntoView(WebElement element) {
    ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
  }

  Object script(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(js, args);
  }

  /**
   * What a person sees as text on the page: the rendered text of the page (hidden elements left out) and the
   * placeholders and button captions of the visible controls. Values typed into fields are not part of it.
   */
  String visibleText() {
    return (String) script("""
        const parts = [document.body ? document.body.innerText : ''];
        for (const e of document.querySelectorAll('input, textarea')) {
          const shown = e.offsetParent !== null || e.getClientRects().length > 0;
          if (!shown) continue;
          if (e.placeholder) parts.push(e.placeholder);
          if (['submit', 'button', 'reset'].includes(e.type) && e.value) parts.push(e.value);
        }
        return parts.join('\\n');""");
  }

  /**
   * Waits until the page's visible text has stayed the same for a moment (the Angular webapps render in steps).
   */
  String settledText() {
    String[] last = {null};
    long[] since = {System.nanoTime()};
    return waitFor("the page to settle", d -> {
      String now = visibleText();
      if (!now.equals(last[0])) {
        last[0] = now;
        since[0] = System.nanoTime();
        return null;
      }
      return System.nanoTime() - since[0] > 800_000_000L && !now.isBlank() ? now : null;
    });
  }

  /** Writes target/e2e/{name}.png and the page's HTML beside it ({name}.html); never throws. */
  void screenshot(String name) {
    try {
      Files.createDirectories(OUT);
      byte[] png = driver.getScreenshotAs(OutputType.BYTES);
      Files.write(OUT.resolve(name + ".png"), png);
      Files.writeString(OUT.resolve(name + ".html"), driver.getPageSource(), StandardCharsets.UTF_8);
    } catch (RuntimeException | IOException e) {
      System.err.println("screenshot " + name + " failed: " + e);
    }
  }

  /** A screenshot of the whole page, not only the window (the phone pages are long). */
  void fullPageScreenshot(String name) {
    try {
      Files.createDirectories(OUT);
      Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
      @SuppressWarnings("unchecked")
      Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
      Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of(
          "format", "png", "captureBeyondViewport", true,
          "clip", Map.of("x", 0, "y", 0, "width", ((Number) size.get("width")).doubleValue(),
              "height", Math.min(((Number) size.get("height")).doubleValue(), 6000), "scale", 1)));
      Files.write(OUT.resolve(name + ".png"), java.util.Base64.getDecoder().decode((String) shot.get("data")));
      Files.writeString(OUT.resolve(name + ".html"), driver.getPageSource(), StandardCharsets.UTF_8);
    } catch (RuntimeException | IOException e) {
      screenshot(name);
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // a temporary directory; the OS cleans up what is left
      }
    }
  }
}
