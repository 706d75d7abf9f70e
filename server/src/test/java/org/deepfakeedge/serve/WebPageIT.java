package org.deepfakeedge.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import org.deepfakeedge.render.Document;
import org.deepfakeedge.render.SvgChart;
import org.deepfakeedge.runtime.Detector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The web page in a real browser: Debian's {@code chromium} driven headless by {@code chromedriver}
 * (both given by path: Selenium Manager never runs, nothing is downloaded), against the real
 * service with a small real model ({@link ProbeModel}) and the built-in generator's images.
 * Skipped, saying so, only where the two binaries are missing ({@code .ci/run} installs them).
 *
 * <p>Screenshots go to {@code server/target/web-page/}: the page with a verdict and its heatmap
 * (desktop and phone widths) and a report rendered by the report's HTML renderer; with {@code
 * -Ddeepfake-edge.report=PATH} an experiment's own {@code report.html} is checked and shot too.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebPageIT {
    static final Path CHROMIUM =
            Path.of(System.getProperty("deepfake-edge.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER =
            Path.of(System.getProperty("deepfake-edge.chromedriver", "/usr/bin/chromedriver"));
    static final Path SHOTS = Path.of("target", "web-page");
    static final String KEY = "page-test-key";

    @TempDir static Path tmp;
    static Detector detector;
    static DetectionServer server;
    static ChromeDriver browser;
    static Path fake;
    static Path real;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "no browser to test the page in: "
                        + CHROMIUM
                        + " or "
                        + CHROMEDRIVER
                        + " is missing (apt-get install chromium chromium-driver; .ci/run does)");
        detector = Detector.load(ProbeModel.write(tmp.resolve("probe")));
        server =
                DetectionServer.start(
                        detector,
                        ServeConfig.builder()
                                .port(0)
                                .apiKey(ApiKey.of(KEY))
                                .maxImageBytes(200_000)
                                .build());
        fake = tmp.resolve("fake-checkerboard.png");
        real = tmp.resolve("real.png");
        Files.write(fake, ServeFixtures.encode(ProbeModel.image("test", 1, 3), "png"));
        Files.write(real, ServeFixtures.encode(ProbeModel.image("test", 0, 3), "png"));
        Files.createDirectories(SHOTS);
        browser = chromium(tmp.resolve("profile"));
    }

    /** Chromium headless, by path; the driver path is set, so Selenium Manager is never asked. */
    static ChromeDriver chromium(Path profile) {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox", // CI runs as root
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--lang=en-US",
                "--window-size=1280,1500",
                "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(CHROMEDRIVER.toFile())
                        .usingAnyFreePort()
                        .build();
        ChromeDriver d = new ChromeDriver(service, options);
        d.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return d;
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
        if (detector != null) {
            detector.close();
        }
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private static String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    /** Waits up to 60 s for {@code condition}; the failure says what the page showed. */
    private static void await(String what, Supplier<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (Boolean.TRUE.equals(condition.get())) {
                    return;
                }
            } catch (RuntimeException e) {
                // not there yet
            }
            Thread.sleep(50);
        }
        throw new AssertionError(
                what + " did not happen; the page says: " + js("return document.body.innerText"));
    }

    /**
     * WCAG contrast of the text of each selected element against the first opaque background behind
     * it, lowest first: {selector, ratio} (JavaScript, computed styles).
     */
    private static final String CONTRAST =
            "const lum = c => { const v = c.match(/[\\d.]+/g).slice(0, 3).map(x => x / 255)"
                    + ".map(x => x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4);"
                    + " return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };"
                    + " const bg = e => { for (; e; e = e.parentElement) { const c ="
                    + " getComputedStyle(e).backgroundColor; const a = c.match(/[\\d.]+/g);"
                    + " if (a.length < 4 || Number(a[3]) > 0.99) return c; } return 'rgb(255,"
                    + " 255, 255)'; };"
                    + " return arguments[0].flatMap(s => [...document.querySelectorAll(s)])"
                    + ".filter(e => e.offsetParent !== null).map(e => { const a ="
                    + " lum(getComputedStyle(e).color), b = lum(bg(e));"
                    + " return [e.id || e.className || e.tagName, (Math.max(a, b) + 0.05) /"
                    + " (Math.min(a, b) + 0.05)]; }).sort((x, y) => x[1] - y[1]);";

    /** Asserts every selected, visible text has at least 4.5:1 contrast (WCAG AA). */
    private static void assertContrast(String... selectors) {
        @SuppressWarnings("unchecked")
        List<List<Object>> ratios = (List<List<Object>>) js(CONTRAST, List.of(selectors));
        assertThat(ratios).isNotEmpty();
        System.out.println("lowest text contrast: " + ratios.get(0) + " of " + ratios.size());
        for (List<Object> r : ratios) {
            assertThat(((Number) r.get(1)).doubleValue())
                    .as("contrast of %s", r.get(0))
                    .isGreaterThanOrEqualTo(4.5);
        }
    }

    private static void upload(Path file) {
        browser.findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
    }

    private static long heatmapWidth() {
        Object w =
                js(
                        "const h = document.getElementById('heatmap-0');"
                                + " return h && h.complete ? h.naturalWidth : 0;");
        return ((Number) w).longValue();
    }

    /** Saves the whole page at {@code width}: the window is made as tall as the page there. */
    private static void screenshot(WebDriver d, String name, int width) throws Exception {
        d.manage().window().setSize(new Dimension(width, 1000));
        Thread.sleep(300); // let the layout settle at the new width
        long height =
                ((Number)
                                ((JavascriptExecutor) d)
                                        .executeScript(
                                                "return document.documentElement.scrollHeight"))
                        .longValue();
        d.manage().window().setSize(new Dimension(width, (int) Math.min(4000, height + 120)));
        Thread.sleep(300);
        Files.write(SHOTS.resolve(name), ((ChromeDriver) d).getScreenshotAs(OutputType.BYTES));
    }

    @Test
    @Order(1)
    void the_page_asks_for_the_key_and_then_shows_the_model_card() throws Exception {
        browser.get(server.uri() + "/");
        await("the API key field", () -> browser.findElement(By.id("api-key")).isDisplayed());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> loaded =
                (List<Map<String, Object>>)
                        js(
                                "const n = performance.getEntriesByType('navigation')[0];"
                                        + " const r = performance.getEntriesByType('resource')"
                                        + ".filter(e => e.initiatorType !== 'fetch');"
                                        + " return [n].concat(r).map(e => ({name: e.name,"
                                        + " bytes: e.encodedBodySize}));");
        long bytes = loaded.stream().mapToLong(e -> ((Number) e.get("bytes")).longValue()).sum();
        System.out.println("first load in chromium: " + bytes + " bytes, " + loaded);
        assertThat(bytes).isPositive().isLessThan(WebPageTest.FIRST_LOAD_BUDGET);
        assertThat(loaded).hasSize(WebPage.FILES.size());

        browser.findElement(By.id("api-key")).sendKeys(KEY);
        browser.findElement(By.cssSelector("#key-form button")).click();
        await("the model card", () -> text("model-card").contains("checkerboard-probe"));
        assertThat(browser.findElement(By.id("key-section")).isDisplayed()).isFalse();
        assertThat(text("model-card"))
                .contains("probe", "hand-built", "Test accuracy", "Size on disk", "Latency");
        await(
                "the ROC curve",
                () -> !browser.findElements(By.cssSelector("#roc svg polyline")).isEmpty());
        assertThat(text("roc-caption")).contains("AUC");
        assertThat(text("accept-hint")).contains("195.3 KiB").contains("video");
    }

    @Test
    @Order(2)
    void a_fake_and_a_real_image_get_their_verdicts_and_heatmaps() throws Exception {
        WebElement verdict = browser.findElement(By.id("verdict"));
        assertThat(verdict.getAttribute("aria-live")).isEqualTo("polite");
        upload(real);
        await("the real verdict", () -> text("verdict").contains("Verdict: real"));
        await("the heatmap of the real image", () -> heatmapWidth() > 0);
        upload(fake);
        await("the fake verdict", () -> text("verdict").contains("Verdict: fake"));
        assertThat(text("verdict")).contains("p_fake", "threshold 0.500", "fake-checkerboard.png");
        await("the heatmap of the fake image", () -> heatmapWidth() > 0);
        await("the heatmap status", () -> text("heatmap-status").contains("forward passes"));
        assertThat(heatmapWidth()).isEqualTo(ProbeModel.SIZE);
        assertThat(browser.findElement(By.id("bar")).getAttribute("aria-label"))
                .contains("threshold mark is at 0.500");
        WebElement heat = browser.findElement(By.id("heatmap-0"));
        WebElement photo = browser.findElement(By.id("photo"));
        assertThat(heat.getRect().getWidth()).isEqualTo(photo.getRect().getWidth());
        assertThat(heat.getRect().getY()).isEqualTo(photo.getRect().getY());

        WebElement toggle = browser.findElement(By.id("show-heatmap"));
        toggle.click();
        assertThat(heat.isDisplayed()).as("heatmap hidden by the toggle").isFalse();
        toggle.sendKeys(Keys.SPACE); // keyboard: the toggle is a real checkbox
        assertThat(heat.isDisplayed()).isTrue();
        assertContrast(
                "h1",
                "h2",
                ".verdict .label",
                ".verdict p",
                ".muted",
                ".drop-text",
                ".drop-text strong",
                ".card dt",
                ".card dd",
                "label",
                "figcaption");
        screenshot(browser, "web-page.png", 1280);
        int phone = 390;
        screenshot(browser, "web-page-phone.png", phone);
        assertThat(((Number) js("return document.documentElement.scrollWidth")).intValue())
                .as("no sideways scrolling on a phone")
                .isLessThanOrEqualTo(((Number) js("return window.innerWidth")).intValue());
        browser.manage().window().setSize(new Dimension(1280, 1500));
    }

    @Test
    @Order(3)
    void a_non_image_and_a_file_over_the_limit_get_clear_messages() throws Exception {
        Path notes = tmp.resolve("notes.txt");
        Files.writeString(notes, "not a picture at all\n", StandardCharsets.UTF_8);
        upload(notes);
        await("the error message", () -> browser.findElement(By.id("error")).isDisplayed());
        assertThat(browser.findElement(By.id("error")).getAttribute("role")).isEqualTo("alert");
        assertThat(text("error"))
                .contains("could not read this file as an image")
                .contains("notes.txt")
                .contains("not a supported image");
        assertContrast("#error");
        Path big = tmp.resolve("big.png");
        Files.write(big, new byte[300_000]);
        upload(big);
        await("the size message", () -> text("error").contains("too large"));
        assertThat(text("error")).contains("293.0 KiB", "195.3 KiB");
    }

    @Test
    @Order(4)
    void the_file_picker_is_reached_with_the_keyboard_and_shows_its_focus() throws Exception {
        browser.get(server.uri() + "/");
        js("document.activeElement.blur()");
        String focused = "";
        for (int i = 0; i < 6 && !focused.equals("file"); i++) {
            new Actions(browser).sendKeys(Keys.TAB).perform();
            focused = String.valueOf(js("return document.activeElement.id"));
        }
        assertThat(focused).as("Tab reaches the file input").isEqualTo("file");
        assertThat(js("return getComputedStyle(document.getElementById('drop')).outlineStyle"))
                .as("the drop zone shows the focus")
                .isEqualTo("solid");
        List<String> problems = new ArrayList<>();
        for (LogEntry e : browser.manage().logs().get(LogType.BROWSER)) {
            String m = e.getMessage();
            if (m.contains("Content Security Policy") || m.contains("Uncaught")) {
                problems.add(m);
            }
        }
        assertThat(problems).as("no script errors, nothing the policy blocked").isEmpty();
    }

    @Test
    @Order(5)
    void a_report_opens_with_readable_charts_and_no_broken_images() throws Exception {
        Path report = tmp.resolve("report.html");
        SvgChart roc = SvgChart.roc("ROC — fixture");
        roc.add(
                new SvgChart.Series(
                        SvgChart.rocLegend("teacher", 0.93),
                        List.of(new double[] {0, 0}, new double[] {0.1, 0.8}, new double[] {1, 1}),
                        true));
        roc.add(
                new SvgChart.Series(
                        SvgChart.rocLegend("student-10", 0.85),
                        List.of(new double[] {0, 0}, new double[] {0.2, 0.7}, new double[] {1, 1}),
                        true));
        SvgChart size =
                new SvgChart("Accuracy vs size", "size (KiB, log)", "accuracy", true, null, false)
                        .add(
                                new SvgChart.Series(
                                        "models",
                                        List.of(new double[] {300, 0.8}, new double[] {12000, 0.9}),
                                        false));
        List<String> header = new ArrayList<>(List.of("cell"));
        List<String> row = new ArrayList<>(List.of("prune-finetune 10%"));
        for (int i = 0; i < 14; i++) {
            header.add("column " + i);
            row.add("P 0.9" + i + "\nR 0.8" + i);
        }
        Document doc =
                new Document()
                        .heading(1, "Experiment report: fixture")
                        .paragraph("Rendered by the experiment report's HTML renderer.")
                        .table(header, List.of(row, row))
                        .figure("figures/roc.svg", roc)
                        .figure("figures/size.svg", size);
        Files.writeString(report, doc.html("fixture report"), StandardCharsets.UTF_8);
        checkReport(report, 2);
        String real = System.getProperty("deepfake-edge.report");
        if (real != null && !real.isBlank()) {
            checkReport(Path.of(real), 1);
            // the figures start below a screenful of tables: show the first chart and what follows
            browser.manage().window().setSize(new Dimension(1280, 1500));
            js(
                    "const f = document.querySelector('figure');"
                            + " (f.previousElementSibling || f).scrollIntoView();");
            Files.write(SHOTS.resolve("report.png"), browser.getScreenshotAs(OutputType.BYTES));
        } else {
            screenshot(browser, "report-fixture.png", 1280);
        }
    }

    /** Opens a report at desktop and phone widths: every image loads, every chart shows. */
    private static void checkReport(Path report, int minCharts) throws Exception {
        browser.manage().window().setSize(new Dimension(412, 900));
        browser.get(report.toUri().toString());
        await("the report", () -> "complete".equals(js("return document.readyState")));
        Object broken =
                js(
                        "return [...document.images].filter(i => !i.complete || i.naturalWidth === 0)"
                                + ".map(i => i.src)");
        assertThat((List<?>) broken).as("broken images in " + report).isEmpty();
        List<WebElement> charts = browser.findElements(By.cssSelector("figure svg"));
        assertThat(charts).as("charts in " + report).hasSizeGreaterThanOrEqualTo(minCharts);
        int viewport = ((Number) js("return document.documentElement.clientWidth")).intValue();
        for (WebElement c : charts) {
            assertThat(c.getRect().getWidth())
                    .as("a chart fits a phone's width")
                    .isPositive()
                    .isLessThanOrEqualTo(viewport);
            assertThat(c.findElements(By.cssSelector("polyline, circle"))).isNotEmpty();
        }
        Object wider =
                js(
                        "return [...document.querySelectorAll('*')].filter(e => e.scrollWidth >"
                                + " e.clientWidth + 1 && getComputedStyle(e).overflowX === 'visible')"
                                + ".map(e => e.tagName + '.' + e.className + ' ' + e.scrollWidth + '>'"
                                + " + e.clientWidth).slice(0, 8)");
        assertThat(((Number) js("return document.documentElement.scrollWidth")).intValue())
                .as(
                        "the page itself does not scroll sideways (wide tables scroll in their"
                                + " box); wider: %s",
                        wider)
                .isLessThanOrEqualTo(viewport);
        browser.manage().window().setSize(new Dimension(1280, 1500));
    }
}
