package io.gatehouse.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import io.gatehouse.support.Browser;
import io.gatehouse.support.Fixtures;
import io.gatehouse.support.GatehouseIntegrationTest;
import io.gatehouse.support.SignedWebhooks;
import io.gatehouse.support.SlackStub;

/**
 * The events console in a real browser (headless Chromium): sign in with the API token, watch a signed webhook
 * appear without a reload, filter, open an event, and retry a failed Slack delivery. The Slack stub and the rules
 * are those of the alerting tests (alerting-test.yaml); no SMTP server listens, so email deliveries fail.
 */
@GatehouseIntegrationTest
@TestPropertySource(properties = "spring.config.additional-location=classpath:/alerting-test.yaml")
class EventsConsoleIT {

    @RegisterExtension
    static final SlackStub SLACK = new SlackStub();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    static ChromeDriver browser;

    @DynamicPropertySource
    static void peers(DynamicPropertyRegistry registry) {
        registry.add("test.slack.port", SLACK::port);
        registry.add("test.smtp.port", EventsConsoleIT::freePort);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:gatehouse-console;MODE=PostgreSQL;"
                + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    }

    @BeforeAll
    static void openBrowser() {
        browser = Browser.start();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @LocalServerPort
    int port;

    SignedWebhooks webhooks;

    @BeforeEach
    void signedOut() {
        webhooks = new SignedWebhooks(port);
        browser.get(webhooks.baseUrl() + "/");
        browser.executeScript("sessionStorage.clear()");
        browser.navigate().refresh();
    }

    @Test
    void servesTheConsoleWithAContentSecurityPolicyAndNoSniffingOrReferrerHeaders() throws Exception {
        for (String path : List.of("/", "/index.html", "/console.js", "/console.css", "/api/events")) {
            HttpResponse<String> response = webhooks.get(path, path.startsWith("/api") ? SignedWebhooks.API_TOKEN : null);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            String policy = response.headers().firstValue("Content-Security-Policy").orElse("");
            // frame-ancestors works only as a header; script-src 'self' without 'unsafe-inline' keeps injected
            // markup from running
            assertThat(policy).as(path).contains("frame-ancestors 'none'").contains("default-src 'none'")
                    .contains("script-src 'self'").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
            assertThat(response.headers().firstValue("Referrer-Policy")).as(path).contains("no-referrer");
            assertThat(response.headers().firstValue("X-Frame-Options")).as(path).contains("DENY");
        }
        // an error answer carries them too
        HttpResponse<String> refused = webhooks.get("/api/events", "wrong-token");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Content-Security-Policy").orElse("")).contains("frame-ancestors 'none'");
        assertThat(refused.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    }

    @Test
    void showsANewEventLiveThenFiltersOpensItAndRetriesItsFailedSlackDelivery() {
        String marker = run();
        String door = "Loading Dock " + marker;
        // Slack refuses the held-open alert until the channel is "fixed" below; a bot's message is form-encoded,
        // so the stubs match the marker, which has no space
        SLACK.stubFor(post(urlEqualTo("/api/chat.postMessage")).withRequestBody(containing(marker))
                .willReturn(okJson("{\"ok\":false,\"error\":\"channel_not_found\"}")));

        signIn("wrong-token");
        assertThat(waitFor(By.id("login-error")).getText()).contains("refused this token");
        signIn(SignedWebhooks.API_TOKEN);
        waitFor(By.id("events"));
        browser.executeScript("window.sameDocument = true");

        String seamEvent = send(webhooks.seam(Fixtures.json(Fixtures.seam("lock.unlocked")
                .put("occurred_at", Instant.now().toString()))));
        String heldOpen = send(webhooks.verkada(Fixtures.json(verkada("door_held_open", door, "Warehouse ACU"))));

        WebElement row = waitFor(eventRow(heldOpen));
        waitFor(eventRow(seamEvent));
        assertThat(browser.executeScript("return window.sameDocument === true")).as("no reload").isEqualTo(true);
        assertThat(row.findElement(By.cssSelector("td.type")).getText()).isEqualTo("door.held_open");
        assertThat(row.findElement(By.cssSelector("td.door")).getText()).isEqualTo(door);
        assertThat(row.findElement(By.cssSelector("td.vendor")).getText()).isEqualTo("verkada");
        assertThat(row.findElement(By.cssSelector("td.device")).getText()).isEqualTo("Warehouse ACU");

        // the vendor filter lists the vendors defined, as GET /api/vendors answers
        await(() -> new Select(browser.findElement(By.id("filter-vendor"))).getOptions().stream()
                .map(option -> option.getAttribute("value")).toList().containsAll(List.of("seam", "tedee", "verkada")));
        new Select(browser.findElement(By.id("filter-vendor"))).selectByValue("verkada");
        waitUntilGone(eventRow(seamEvent));
        new Select(browser.findElement(By.id("filter-type"))).selectByValue("door.held_open");
        browser.findElement(By.id("filter-door")).sendKeys(door);
        browser.findElement(By.id("apply-filters")).click();
        await(() -> shownEventIds().equals(List.of(heldOpen)));

        waitFor(eventRow(heldOpen)).click();
        await(() -> browser.findElement(By.id("detail-raw")).getText().contains("\"notification_type\": \"door_held_open\""));
        assertThat(browser.findElement(By.id("detail-title")).getText()).isEqualTo("door.held_open · " + door);
        assertThat(browser.findElement(By.id("detail-fields")).getText()).contains(heldOpen).contains("Warehouse ACU");

        By slackDelivery = By.cssSelector("#detail-alerts li.delivery[data-channel='slack:bot']");
        await(() -> "failed".equals(browser.findElement(slackDelivery).getDomAttribute("data-status")));
        // a channel Slack does not know fails at once, not after the four attempts of a passing failure
        assertThat(browser.findElement(slackDelivery).getText()).contains("channel_not_found").contains("1 attempt")
                .contains("permanent: not retried");

        SLACK.stubFor(post(urlEqualTo("/api/chat.postMessage")).withRequestBody(containing(marker))
                .willReturn(okJson("{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1.2\"}")));
        browser.findElement(slackDelivery).findElement(By.cssSelector("button.retry")).click();

        await(() -> "sent".equals(browser.findElement(slackDelivery).getDomAttribute("data-status")));
        assertThat(browser.findElements(By.cssSelector("#detail-alerts button.retry"))).isEmpty();
        // the one refused attempt, then the retried one
        assertThat(SLACK.findAll(postRequestedFor(urlEqualTo("/api/chat.postMessage"))
                .withRequestBody(containing(marker)))).hasSize(2);
        assertThat(browser.executeScript("return window.sameDocument === true")).as("no reload").isEqualTo(true);
    }

    @Test
    void showsVendorTextAsTextNeverAsMarkup() {
        String marker = run();
        String door = "<img src=x onerror=\"window.injected=1\">Vault " + marker;
        signIn(SignedWebhooks.API_TOKEN);
        waitFor(By.id("events"));

        String eventId = send(webhooks.verkada(Fixtures.json(verkada("door_opened", door, "<b>ACU</b>"))));

        WebElement row = waitFor(eventRow(eventId));
        assertThat(row.findElement(By.cssSelector("td.door")).getText()).isEqualTo(door);
        assertThat(row.findElement(By.cssSelector("td.device")).getText()).isEqualTo("<b>ACU</b>");
        row.click();
        await(() -> browser.findElement(By.id("detail-raw")).getText().contains(marker));
        assertThat(browser.findElements(By.cssSelector("#console-view img, #console-view b"))).isEmpty();
        assertThat(browser.executeScript("return window.injected === undefined")).isEqualTo(true);
    }

    @Test
    void pagesThroughOlderEventsWithoutRepeatingOrSkippingAny() {
        String door = "Paged Door " + run();
        Instant base = Instant.now().minus(Duration.ofHours(3));
        List<String> sent = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) {
            ObjectNode webhook = verkada("door_opened", door, "Paging ACU");
            ((ObjectNode) webhook.get("data")).put("created", base.plusSeconds(i / 2).getEpochSecond());
            sent.add(send(webhooks.verkada(Fixtures.json(webhook))));
        }
        signIn(SignedWebhooks.API_TOKEN);
        waitFor(By.id("events"));
        browser.findElement(By.id("filter-door")).sendKeys(door);
        browser.findElement(By.id("apply-filters")).click();
        await(() -> shownEventIds().size() == 50);
        List<String> firstPage = shownEventIds();

        browser.findElement(By.id("older")).click();
        await(() -> shownEventIds().size() == 10);
        List<String> secondPage = shownEventIds();

        assertThat(browser.findElement(By.id("older")).isEnabled()).isFalse();
        assertThat(browser.findElement(By.id("page-info")).getText()).contains("Page 2");
        List<String> all = new java.util.ArrayList<>(firstPage);
        all.addAll(secondPage);
        assertThat(all).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(sent);
        browser.findElement(By.id("newer")).click();
        await(() -> shownEventIds().equals(firstPage));
    }

    /** A console with a realistic morning on it; also saved as target/console.png (the README's picture). */
    @Test
    void showsAlertsWithTheDeliveryStatusOfEachChannel() throws IOException {
        SLACK.stubFor(post(urlEqualTo("/services/T000/B000/test")).willReturn(aResponse().withStatus(200).withBody("ok")));
        SLACK.stubFor(post(urlEqualTo("/api/chat.postMessage")).withRequestBody(containing("Lab"))
                .willReturn(okJson("{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1.2\"}")));
        Instant now = Instant.now();
        String firstDenial = seedMorning(now);
        String forced = send(webhooks.verkada(Fixtures.json(at(verkada("door_forced_open", "Server Room", "Core ACU"),
                now.minusSeconds(40)))));

        signIn(SignedWebhooks.API_TOKEN);
        WebElement row = waitFor(eventRow(forced));
        assertThat(row.findElement(By.cssSelector(".badge")).getText()).isEqualTo("critical");
        row.click();
        By slack = By.cssSelector("#detail-alerts li.delivery[data-channel='slack:webhook']");
        By email = By.cssSelector("#detail-alerts li.delivery[data-channel='email:soc']");
        await(() -> "sent".equals(browser.findElement(slack).getDomAttribute("data-status")));
        // nothing listens on the SMTP port: after its last attempt the email is failed, with the error and a Retry
        await(() -> "failed".equals(browser.findElement(email).getDomAttribute("data-status")));
        assertThat(browser.findElement(email).findElement(By.cssSelector(".delivery-error")).getText())
                .contains("Couldn't connect to host");
        assertThat(browser.findElement(email).findElements(By.cssSelector("button.retry"))).hasSize(1);
        await(() -> browser.findElements(By.cssSelector("#alerts article.alert-card")).size() >= 3);
        assertThat(browser.findElement(By.id("alerts")).getText()).contains("forced-open").contains("repeated-denials")
                .contains("held-open");
        // the first denial did not trigger the threshold alert, but the alert covers it
        waitFor(eventRow(firstDenial)).click();
        await(() -> browser.findElement(By.id("detail-alerts")).getText().contains("repeated-denials"));
        assertThat(browser.findElement(By.id("detail-alerts")).getText()).contains("3 × access.denied · Lab 2");
        waitFor(eventRow(forced)).click();
        await(() -> browser.findElement(By.id("detail-alerts")).getText().contains("forced-open"));

        // tall enough to show the event's alert under its raw payload
        Dimension size = browser.manage().window().getSize();
        browser.manage().window().setSize(new Dimension(1440, 1180));
        try {
            Files.write(Path.of("target", "console.png"), browser.getScreenshotAs(OutputType.BYTES));
        } finally {
            browser.manage().window().setSize(size);
        }
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    /** Returns the first of three denied badges at Lab 2, which a threshold alert covers without being its trigger. */
    private String seedMorning(Instant now) {
        send(webhooks.seam(Fixtures.json(seam("lock.locked", now.minus(Duration.ofMinutes(52))))));
        send(webhooks.verkada(Fixtures.json(at(verkada("door_mobile_nfc_accepted", "Loading Dock", "Warehouse ACU"),
                now.minus(Duration.ofMinutes(47))))));
        ObjectNode tedee = Fixtures.tedee("lock-status-changed");
        ((ObjectNode) tedee.get("data")).put("eventTime", now.minus(Duration.ofMinutes(40)).toString());
        send(webhooks.tedee(Fixtures.json(tedee)));
        send(webhooks.seam(Fixtures.json(seam("lock.unlocked", now.minus(Duration.ofMinutes(31))))));
        List<String> denials = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            denials.add(send(webhooks.verkada(Fixtures.json(at(verkada("door_keycard_entered_rejected", "Lab 2",
                    "Lab ACU"), now.minus(Duration.ofMinutes(12)).plusSeconds(20L * i))))));
        }
        send(webhooks.verkada(Fixtures.json(at(verkada("door_held_open", "Loading Dock", "Warehouse ACU"),
                now.minus(Duration.ofMinutes(6))))));
        send(webhooks.seam(Fixtures.json(seam("device.low_battery", now.minus(Duration.ofMinutes(3))))));
        send(webhooks.verkada(Fixtures.json(at(verkada("door_opened", "Main Entrance", "Lobby ACU"),
                now.minus(Duration.ofMinutes(1))))));
        return denials.get(0);
    }

    private static ObjectNode verkada(String notificationType, String door, String controller) {
        ObjectNode webhook = Fixtures.verkada("door_mobile_nfc_accepted");
        ObjectNode data = (ObjectNode) webhook.get("data");
        data.put("notification_type", notificationType).put("door_id", "door-" + UUID.nameUUIDFromBytes(
                door.getBytes(java.nio.charset.StandardCharsets.UTF_8))).put("created", Instant.now().getEpochSecond());
        ((ObjectNode) data.get("door_info")).put("name", door).put("acu_name", controller);
        if (!notificationType.endsWith("_accepted") && !notificationType.endsWith("_rejected")) {
            data.putNull("user_info");
        }
        return webhook;
    }

    /** A Seam example for one lock, without the example's all-zero ids. */
    private static ObjectNode seam(String eventType, Instant occurred) {
        ObjectNode event = Fixtures.seam(eventType);
        List.of("acs_entrance_id", "acs_system_id", "acs_user_id", "action_attempt_id", "access_code_id",
                "connected_account_id", "user_identity_id").forEach(event::remove);
        return event.put("device_id", "7d2f4c1a-93be-4e0a-8c55-0f3b6e2a91d4")
                .put("workspace_id", "5a1e7c90-2b4d-4f63-a8e1-c3d9b0f4e217")
                .put("occurred_at", occurred.toString());
    }

    private static ObjectNode at(ObjectNode verkada, Instant occurred) {
        ((ObjectNode) verkada.get("data")).put("created", occurred.getEpochSecond());
        return verkada;
    }

    private void signIn(String token) {
        WebElement field = waitFor(By.id("token"));
        field.clear();
        field.sendKeys(token);
        browser.findElement(By.id("login-button")).click();
    }

    private static String send(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        try {
            return JSON.readTree(response.body()).get("eventId").asText();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static By eventRow(String eventId) {
        return By.cssSelector("#events tbody tr[data-id='" + eventId + "']");
    }

    private static List<String> shownEventIds() {
        return browser.findElements(By.cssSelector("#events tbody tr")).stream()
                .map(row -> row.getDomAttribute("data-id")).toList();
    }

    private static WebElement waitFor(By locator) {
        return new WebDriverWait(browser, PATIENCE).ignoring(StaleElementReferenceException.class)
                .until(driver -> {
                    List<WebElement> found = driver.findElements(locator);
                    return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
                });
    }

    private static void waitUntilGone(By locator) {
        await(() -> browser.findElements(locator).isEmpty());
    }

    private static void await(java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser, PATIENCE).ignoring(StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.NoSuchElementException.class)
                .until(driver -> condition.getAsBoolean());
    }

    private static String run() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
