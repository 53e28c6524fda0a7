package io.gatehouse.support;

import java.io.File;
import java.time.Duration;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium driven through its chromedriver, both from Debian's {@code chromium} and
 * {@code chromium-driver} packages (.ci/run installs them). Selenium Manager is never asked to download a browser
 * or a driver: the machine may be offline. A missing browser fails the test, it does not skip it.
 */
public final class Browser {

    private static final String CHROMIUM = System.getProperty("gatehouse.test.chromium", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("gatehouse.test.chromedriver",
            "/usr/bin/chromedriver");

    private Browser() {
    }

    public static ChromeDriver start() {
        for (String path : new String[] {CHROMIUM, CHROMEDRIVER}) {
            if (!new File(path).canExecute()) {
                throw new IllegalStateException(path + " is missing: install Debian's chromium and chromium-driver "
                        + "(apt-get install -y chromium chromium-driver), as .ci/run does");
            }
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1440,1000", "--force-device-scale-factor=1", "--lang=en-GB");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        return driver;
    }
}
