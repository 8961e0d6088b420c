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
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
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

  /** The browser's time zone, as on a computer in China (the webapps show it). */
  static final String TIME_ZONE = "Asia/Shanghai";

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

  /** The browser or driver that is missing, or null when both are installed. */
  static String missing() {
    return !Files.isExecutable(Paths.get(CHROMIUM)) ? CHROMIUM
        : !Files.isExecutable(Paths.get(CHROMEDRIVER)) ? CHROMEDRIVER : null;
  }

  /**
   * As {@code @ExtendWith(Browser.Installed.class)} on a test class: skips it (one line, with the reason) when
   * Chromium or chromedriver is missing, or fails it under CI=true. A JUnit condition, evaluated before any Spring
   * test listener loads the application context.
   */
  static final class Installed implements ExecutionCondition {

    private static volatile boolean skipReported;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      String missing = missing();
      if (missing == null) {
        return ConditionEvaluationResult.enabled("Chromium and chromedriver installed");
      }
      String reason = "no browser for the browser tests: " + missing
          + " is missing (apt-get install chromium chromium-driver fonts-wqy-zenhei)";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new IllegalStateException("CI=true and " + reason);
      }
      reason += ", skipping them";
      if (!skipReported) {
        skipReported = true;
        System.out.println(reason); // once per run, on the console; the reports have it for every class
      }
      return ConditionEvaluationResult.disabled(reason);
    }
  }

  /** A phone: a 390 × 844 touch screen at device pixel ratio 1. */
  static Browser phone(String baseUrl) {
    ChromeOptions options = options();
    options.setExperimentalOption("mobileEmulation",
        Map.of("deviceMetrics", Map.of("width", 390, "height", 844, "pixelRatio", 1.0, "touch", true)));
    options.addArguments("--window-size=390,844");
    return start(options, baseUrl);
  }

  /** A browser window of the given size (e.g. a 1280 wide laptop). */
  static Browser window(String baseUrl, int width, int height) {
    ChromeOptions options = options();
    options.addArguments("--window-size=" + width + "," + height);
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
    if (missing() != null) {
      throw new IllegalStateException("not installed: " + missing());
    }
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
        .withEnvironment(Map.of("TZ", TIME_ZONE))
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
  /** Logs into a Camunda webapp (tasklist, cockpit, admin) with the demo password (= the user name). */
  void logInToWebapp(String app, String user) {
    forgetSession();
    open("/camunda/app/" + app + "/default/");
    By username = By.cssSelector("form[name='signinForm'] input[ng-model='username']");
    By password = By.cssSelector("form[name='signinForm'] input[type='password']");
    // the login page moves the focus to the user name once it has rendered: keys typed before that can land in
    // the wrong field on a slow machine, so type until both fields hold what was typed
    waitFor("the login form of " + app + " filled in for " + user, d -> {
      type(username, user);
      type(password, user);
      return user.equals(d.findElement(username).getDomProperty("value"))
          && user.equals(d.findElement(password).getDomProperty("value")) ? true : null;
    });
    click(By.cssSelector("form[name='signinForm'] button[type='submit']"));
    waitFor(user + " logged into " + app,
        d -> d.findElements(By.cssSelector("form[name='signinForm']")).isEmpty() ? true : null);
  }

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

  /** Clicks the first displayed and enabled element, again if the page re-rendered it or covered it meanwhile. */
  void click(By by) {
    new WebDriverWait(driver, WAIT, Duration.ofMillis(200)).withMessage("clickable: " + by)
        .ignoring(StaleElementReferenceException.class).ignoring(ElementClickInterceptedException.class)
        .until(d -> {
          WebElement element = d.findElements(by).stream().filter(e -> e.isDisplayed() && e.isEnabled()).findFirst()
              .orElse(null);
          if (element == null) {
            return null;
          }
          scrollIntoView(element);
          element.click();
          return true;
        });
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
