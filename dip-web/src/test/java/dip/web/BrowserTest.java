package dip.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in a real browser (headless Chromium through chromedriver): open an image, paint the mask, start a short
 * inpainting, see progress arrive, download the result; a text file named .png gets the server's message. Skipped, with
 * the reason printed, where /usr/bin/chromium or /usr/bin/chromedriver is missing ({@code .ci/run} installs them).
 * {@code -Ddip.web.screenshots=DIR} saves screenshots of the painted mask and of the fit in progress there.
 */
class BrowserTest {
    static final Path CHROMIUM = Path.of(System.getProperty("dip.web.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("dip.web.chromedriver", "/usr/bin/chromedriver"));
    static final int SIDE = 24;

    @TempDir
    static Path tmp;
    static TestServer s;
    static WebDriver driver;

    @BeforeAll
    static void start() throws Exception {
        String missing = !Files.isExecutable(CHROMIUM) ? CHROMIUM.toString() : !Files.isExecutable(CHROMEDRIVER) ? CHROMEDRIVER.toString() : null;
        if (missing != null) {
            System.out.println("skipped: BrowserTest: " + missing + " is missing (apt-get install chromium chromium-driver)");
        }
        Assumptions.assumeTrue(missing == null, "needs " + missing + " (apt-get install chromium chromium-driver)");
        s = new TestServer(tmp.resolve("work"));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // This machine's network is closed: without the background-networking flags Chromium's own connections are
        // refused many at a time.
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--window-size=1280,1400", "--user-data-dir=" + Files.createDirectories(tmp.resolve("chromium-profile")));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (s != null) {
            s.close();
        }
    }

    private WebDriverWait waiting(int seconds) { return new WebDriverWait(driver, Duration.ofSeconds(seconds)); }

    private void openPage() {
        driver.get(s.base + "/");
        waiting(30).until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
    }

    private static void screenshot(String name) throws Exception {
        String dir = System.getProperty("dip.web.screenshots");
        if (dir != null && !dir.isBlank()) {
            Path out = Files.createDirectories(Path.of(dir)).resolve(name);
            Files.write(out, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            System.out.println("screenshot: " + out);
        }
    }

    @Test
    void paintAMaskWatchTheFitAndDownloadTheResult() throws Exception {
        Path image = tmp.resolve("tiny.png");
        Files.write(image, TestServer.png(SIDE, SIDE));
        openPage();
        driver.findElement(By.id("image")).sendKeys(image.toString());
        new Select(driver.findElement(By.id("task"))).selectByValue("inpaint");
        waiting(10).until(d -> d.findElement(By.id("mask")).getSize().getWidth() > SIDE); // drawn, zoomed in
        WebElement iterations = driver.findElement(By.id("iterations"));
        iterations.clear();
        iterations.sendKeys(System.getProperty("dip.web.iterations", "200"));
        driver.findElement(By.id("channels")).sendKeys("8");
        WebElement mask = driver.findElement(By.id("mask"));
        int w = mask.getSize().getWidth();
        new Actions(driver).moveToElement(mask, -w / 4, -w / 8).clickAndHold().moveByOffset(w / 2, w / 10).moveByOffset(0, w / 6)
                .release().perform();
        long painted = (Long) ((JavascriptExecutor) driver).executeScript(
                "const c = document.getElementById('mask'); const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                        + " let n = 0; for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) n++; } return n;");
        assertTrue(painted > 10 && painted < SIDE * SIDE, "the stroke painted " + painted + " mask pixels");
        screenshot("mask-painted.png");

        driver.findElement(By.id("start")).click();
        waiting(30).until(d -> d.getCurrentUrl().contains("/jobs/"));
        waiting(120).until(d -> Integer.parseInt(d.findElement(By.id("updates")).getAttribute("data-count")) >= 2);
        waiting(30).until(d -> d.findElement(By.id("view-output")).getAttribute("src") != null);
        screenshot("fit-in-progress.png");
        waiting(180).until(d -> d.findElement(By.id("job-state")).getText().startsWith("done"));
        assertTrue(driver.findElement(By.id("job-progress")).getText().contains("iteration"), driver.findElement(By.id("job-progress")).getText());
        screenshot("fit-done.png");

        String href = driver.findElement(By.id("dl-output")).getAttribute("href");
        assertTrue(href.startsWith(s.base + "/api/jobs/"), href);
        HttpResponse<byte[]> png = s.getBytes(href.substring(s.base.length()));
        assertEquals(200, png.statusCode());
        BufferedImage out = ImageIO.read(new ByteArrayInputStream(png.body()));
        assertEquals(SIDE, out.getWidth());
        assertEquals(SIDE, out.getHeight());
        String id = href.replaceAll(".*/api/jobs/([^/]+)/.*", "$1");
        // the mask the server used has the painted holes, and nothing else
        BufferedImage used = ImageIO.read(new ByteArrayInputStream(s.getBytes("/api/jobs/" + id + "/images/mask.png").body()));
        int holes = 0;
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                holes += (used.getRGB(x, y) & 0xff) < 128 ? 1 : 0;
            }
        }
        assertEquals(painted, holes, "holes in the mask used = pixels painted");
        // a reload shows the same finished job
        driver.navigate().refresh();
        waiting(30).until(d -> d.findElement(By.id("job-state")).getText().startsWith("done"));
        assertTrue(driver.findElement(By.id("downloads")).isDisplayed());
    }

    /** A bad upload through the page: the server's one-line message appears in the page, and no job is made. */
    private String pageError(String fileName, byte[] bytes, String task, boolean paint) throws Exception {
        Path file = Files.createDirectories(tmp.resolve("bad-" + System.nanoTime())).resolve(fileName);
        Files.write(file, bytes);
        openPage();
        new Select(driver.findElement(By.id("task"))).selectByValue(task);
        driver.findElement(By.id("image")).sendKeys(file.toString());
        if (paint) {
            waiting(10).until(d -> d.findElement(By.id("mask")).getSize().getWidth() > SIDE);
        }
        driver.findElement(By.id("start")).click();
        WebElement error = waiting(30).until(d -> {
            WebElement e = d.findElement(By.id("error"));
            return e.isDisplayed() && !e.getText().isBlank() ? e : null;
        });
        assertTrue(driver.getCurrentUrl().endsWith("/"), "no job was made: " + driver.getCurrentUrl());
        System.out.println("page: " + fileName + " (" + task + ") -> " + error.getText());
        return error.getText();
    }

    @Test
    void badUploadsGetTheServersMessageInThePage() throws Exception {
        byte[] text = "this is a text file, not a picture\n".getBytes(StandardCharsets.UTF_8);
        assertTrue(pageError("holiday.png", text, "denoise", false).contains("cannot read the image 'holiday.png': not a supported image format"));
        screenshot("bad-upload.png");
        byte[] good = TestServer.png(SIDE, SIDE);
        assertTrue(pageError("cut.png", java.util.Arrays.copyOf(good, good.length / 2), "denoise", false).contains("corrupt or truncated"));
        assertTrue(pageError("large.png", TestServer.png(64, 64), "denoise", false).contains("this server takes at most 2304 pixels"));
        assertTrue(pageError("nothing-painted.png", good, "inpaint", true).contains("the mask has no holes"));
    }
}
