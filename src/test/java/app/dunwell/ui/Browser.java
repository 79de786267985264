package app.dunwell.ui;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A headless Chromium of the system's packages, driven by its chromedriver (never one Selenium Manager would download:
 * the machine is offline). Without them the tests fail, naming what to install.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of(System.getProperty("ui.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("ui.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final Path DOWNLOADS = Path.of("target", "ui-downloads").toAbsolutePath();

    final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    static Browser start() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("The web UI tests drive a real browser: " + CHROMIUM + " and " + CHROMEDRIVER + " are needed. Install them with "
                    + "'apt-get install -y chromium chromium-driver' (.ci/run does), or point -Dui.chromium and -Dui.chromedriver at them.");
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        System.setProperty("SE_OFFLINE", "true");
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.createDirectories(DOWNLOADS);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,900",
                "--lang=en-US", "--no-first-run", "--disable-extensions");
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("download.default_directory", DOWNLOADS.toString());
        prefs.put("download.prompt_for_download", false);
        options.setExperimentalOption("prefs", prefs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", DOWNLOADS.toString()));
        return new Browser(driver);
    }

    /** The viewport of a phone (390 × 844, as an iPhone 14), or back to the desktop window. */
    void phone() {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
    }

    void desktop() {
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        driver.manage().window().setSize(new Dimension(1280, 900));
    }

    /** Whether the page is wider than the viewport (a horizontal scroll bar). */
    boolean scrollsSideways() {
        Object wider = ((JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollWidth > window.innerWidth;");
        return Boolean.TRUE.equals(wider);
    }

    long scrollWidth() {
        return ((Number) ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollWidth;")).longValue();
    }

    long innerWidth() {
        return ((Number) ((JavascriptExecutor) driver).executeScript("return window.innerWidth;")).longValue();
    }

    /**
     * The whole page as PNGs under target/screenshots: {@code name.png} from the top, and {@code name-2.png}, … for the
     * rest of a long page, each a slice short enough to be read at full size.
     */
    Path screenshot(String name) {
        long width = scrollWidth();
        long height = ((Number) ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollHeight;")).longValue();
        long slice = innerWidth() < 600 ? 1600 : 1400;
        Path first = null;
        for (int part = 0; part * slice < height && part < 6; part++) {
            long top = part * slice;
            Map<String, Object> clip = Map.of("x", 0, "y", top, "width", width, "height", Math.min(slice, height - top), "scale", 1);
            Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot",
                    Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
            Path file = SCREENSHOTS.resolve(name + (part == 0 ? "" : "-" + (part + 1)) + ".png");
            try {
                Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            first = first == null ? file : first;
        }
        return first;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
