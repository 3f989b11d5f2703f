package org.wildrtc.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;

/**
 * A headless Debian Chromium with fake camera and microphone, driven by the Debian chromedriver:
 * nothing is downloaded. Flags from TESTING-NOTES: no background DNS, the server's self-signed
 * certificate accepted; on the tests' loopback-only network, loopback candidates allowed.
 */
final class Browser extends CallPage {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /**
     * Chromium's fake capture devices take their pixel format from their index: fake_device_1 is a
     * 16-bit depth camera (Y16) and fake_device_2 sends MJPEG; 0 and 3 are ordinary I420 cameras, the
     * pair a camera switch goes between (media/capture/video/fake_video_capture_device_factory.cc).
     */
    private static final String FAKE_CAMERAS = "device-count=4";
    static final String FIRST_CAMERA = "fake_device_0";
    static final String OTHER_CAMERA = "fake_device_3";

    private final ChromeDriver driver;

    private Browser(String name, ChromeDriver driver) {
        super(name);
        this.driver = driver;
    }

    /** A browser on the tests' loopback-only network, for the test server there. */
    static Browser start(String name) throws Exception {
        return start(name, CHROMIUM, List.of("--allow-loopback-in-peer-connection",
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"));
    }

    /**
     * A browser inside a network namespace: chromedriver runs here and starts Chromium through
     * {@code ip netns exec}, talking to it over the pipe Chromium inherits (--remote-debugging-pipe)
     * rather than over a TCP port on the namespace's loopback, which this JVM cannot reach.
     * {@code resolverRules} is Chromium's {@code --host-resolver-rules}: the names it may resolve.
     */
    static Browser startIn(NetworkNamespace namespace, Path directory, String name, String resolverRules) throws Exception {
        Files.createDirectories(directory);
        Path chromium = directory.resolve("chromium-in-" + namespace.name());
        Files.writeString(chromium, "#!/bin/sh\nexec " + String.join(" ", namespace.exec(CHROMIUM.toString())) + " \"$@\"\n");
        Files.setPosixFilePermissions(chromium, PosixFilePermissions.fromString("rwxr-xr-x"));
        return start(name, chromium, List.of("--remote-debugging-pipe", "--host-resolver-rules=" + resolverRules));
    }

    private static Browser start(String name, Path binary, List<String> networkFlags) throws Exception {
        requireInstalled();
        Path profile = Path.of(System.getProperty("it.browser.profiles", "target/browser-profiles"), name);
        Files.createDirectories(profile);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary.toFile());
        options.setAcceptInsecureCerts(true);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream=" + FAKE_CAMERAS,
                "--disable-component-update", "--no-pings", "--dns-prefetch-disable", "--window-size=800,600",
                "--user-data-dir=" + profile.toAbsolutePath());
        options.addArguments(networkFlags);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new Browser(name, new ChromeDriver(service, options));
    }

    private static void requireInstalled() {
        for (Path binary : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(binary)) {
                throw new IllegalStateException(binary + " is missing: install the Debian packages chromium and "
                        + "chromium-driver (.ci/run does)");
            }
        }
    }

    /** The URL of {@code path} on the test server on loopback. */
    static String onTestServer(String path) {
        return "https://127.0.0.1:" + TestServer.port("https") + path;
    }

    void open(String path) {
        openUrl(onTestServer(path));
    }

    @Override
    void openUrl(String url) {
        driver.get(url);
    }

    @Override
    String evaluate(String expression) {
        return String.valueOf(((JavascriptExecutor) driver).executeScript("return " + expression + ";"));
    }

    @Override
    void click(String css) {
        driver.findElement(By.cssSelector(css)).click();
    }

    @Override
    void type(String css, String text) {
        WebElement input = driver.findElement(By.cssSelector(css));
        input.clear();
        input.sendKeys(text);
    }

    /** Chooses the option labelled {@code text} of the select at {@code css}, as a person picks it. */
    void choose(String css, String text) {
        new Select(driver.findElement(By.cssSelector(css))).selectByVisibleText(text);
    }

    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    @Override
    byte[] screenshotPng() {
        return ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
    }

    @Override
    void leavePage() {
        driver.get("about:blank");
    }

    @Override
    public void close() {
        driver.quit();
    }
}
