package io.gatehouse.ops;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import io.gatehouse.support.Fixtures;
import io.gatehouse.support.GatehouseIntegrationTest;
import io.gatehouse.support.PrometheusScrape;
import io.gatehouse.support.SignedWebhooks;
import io.gatehouse.support.SlackStub;
import io.gatehouse.support.SmtpServer;

/**
 * What an operator sees, over real HTTP: the counters of /actuator/prometheus moved by exactly what was sent (and
 * answered, stored, alerted and delivered to a GreenMail server and a WireMock Slack), the health of the database
 * and the mail server, and the OpenAPI document of /api.
 */
@GatehouseIntegrationTest
@AutoConfigureObservability(tracing = false)   // Spring Boot tests leave metrics out unless asked
@TestPropertySource(properties = {
        "spring.config.additional-location=classpath:/operator-test.yaml",
        "gatehouse.ingress.max-body-size=8KB",
        // the recovery sweep looks often, but only at rows older than an hour: the tests choose which it sees
        "gatehouse.recovery.interval=500",
        "gatehouse.recovery.grace=1h"})
class OperatorSurfaceIT {

    @RegisterExtension
    static final SlackStub SLACK = new SlackStub();
    @RegisterExtension
    static final SmtpServer SMTP = new SmtpServer();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SLACK_PATH = "/services/T000/B000/ops";

    @DynamicPropertySource
    static void peers(DynamicPropertyRegistry registry) {
        registry.add("test.slack.port", SLACK::port);
        registry.add("test.smtp.port", SMTP::port);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:gatehouse-ops;MODE=PostgreSQL;"
                + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    SignedWebhooks webhooks;

    @BeforeEach
    void connect() {
        webhooks = new SignedWebhooks(port);
        if (!SMTP.isRunning()) {
        }
    }

    @Test
    void countsWebhooksByVendorOutcomeAndReason() {
        PrometheusScrape before = scrape();
        String seamBody = Fixtures.json(Fixtures.seam("lock.locked"));

        String eventId = eventId(expect(202, webhooks.seam(seamBody)));
        expect(200, webhooks.seam(seamBody));
        expect(401, webhooks.seam(seamBody, SignedWebhooks.OTHER_SEAM_SECRET, Instant.now()));
        expect(415, webhooks.post("/webhooks/seam", seamBody, Map.of("Content-Type", "text/plain")));
        expect(400, webhooks.verkada("{\"webhook_type\": \"notification\", "));
        expect(413, webhooks.tedee("{\"event\":\"lock-status-changed\",\"padding\":\"" + "x".repeat(9000) + "\"}"));
        awaitNormalized(eventId);

        PrometheusScrape after = scrape();
        assertThat(delta(before, after, "gatehouse_webhooks_received_total", "vendor", "seam")).isEqualTo(4);
        assertThat(delta(before, after, "gatehouse_webhooks_received_total", "vendor", "verkada")).isEqualTo(1);
        assertThat(delta(before, after, "gatehouse_webhooks_received_total", "vendor", "tedee")).isEqualTo(1);
        assertThat(delta(before, after, "gatehouse_webhooks_accepted_total", "vendor", "seam")).isEqualTo(1);
        assertThat(delta(before, after, "gatehouse_webhooks_duplicates_total", "vendor", "seam")).isEqualTo(1);
        assertThat(delta(before, after, "gatehouse_webhooks_rejected_total",
                "vendor", "seam", "status", "401", "reason", "invalid_signature")).isEqualTo(1);
        assertThat(delta(before, after, "gatehouse_webhooks_rejected_total",
                "vendor", "seam", "status", "415", "reason", "unsupported_media_type")).isEqualTo(1);
        assertThat(delta(before, after, "gatehouse_webhooks_rejected_total",
                "vendor", "verkada", "status", "400", "reason", "malformed_json")).isEqualTo(1);
        assertThat(delta(before, after, "gatehouse_webhooks_rejected_total",
                "vendor", "tedee", "status", "413", "reason", "payload_too_large")).isEqualTo(1);
        assertThat(delta(before, after, "gatehouse_webhooks_rejected_total")).isEqualTo(4);

        assertThat(delta(before, after, "gatehouse_events_stored_total",
                "vendor", "seam", "type", "lock.locked", "severity", "info")).isEqualTo(1);
        assertThat(delta(before, after, "gatehouse_events_normalization_lag_seconds_count", "vendor", "seam"))
                .isEqualTo(1);
        assertThat(after.value("gatehouse_inbox_oldest_unnormalized_age_seconds")).isNotNaN();
        // Camel's own route metrics, from camel-micrometer: the 415 is answered before Camel, its body never parsed
        assertThat(delta(before, after, "camel_exchanges_total", "routeId", "seam-ingress")).isEqualTo(3);
    }

    @Test
    void countsEventsAlertsAndDeliveriesByRuleChannelAndOutcome() {
        String door = "Ops Door " + UUID.randomUUID().toString().substring(0, 8);
        String flakyDoor = "Ops Flaky " + UUID.randomUUID().toString().substring(0, 8);
        String heldDoor = "Ops Held " + UUID.randomUUID().toString().substring(0, 8);
        SLACK.webhookAnswersOk(SLACK_PATH, door);
        SLACK.stubFor(post(urlEqualTo(SLACK_PATH)).withRequestBody(containing(flakyDoor))
                .inScenario(flakyDoor).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withBody("service unavailable")).willSetStateTo("up"));
        SLACK.stubFor(post(urlEqualTo(SLACK_PATH)).withRequestBody(containing(flakyDoor))
                .inScenario(flakyDoor).whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200).withBody("ok")));
        PrometheusScrape before = scrape();

        List<String> forced = List.of(send(verkada("door_forced_open", door)),
                send(verkada("door_forced_open", flakyDoor)));
        List<String> held = List.of(send(verkada("door_held_open", heldDoor)),
                send(verkada("door_held_open", heldDoor)));
        held.forEach(this::awaitNormalized);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "select d.status from alert_delivery d join alert a on a.id = d.alert_id "
                        + "where a.trigger_event_id in (?, ?)",
                String.class, forced.get(0), forced.get(1))).containsExactly("sent", "sent", "sent", "sent"));

        PrometheusScrape after = scrape();
        assertThat(delta(before, after, "gatehouse_events_stored_total",
                "vendor", "verkada", "type", "door.forced_open", "severity", "critical")).isEqualTo(2);
        assertThat(delta(before, after, "gatehouse_events_stored_total",
                "vendor", "verkada", "type", "door.held_open")).isEqualTo(2);
        assertThat(delta(before, after, "gatehouse_alerts_raised_total", "rule", "forced-open", "severity", "critical"))
                .isEqualTo(2);
        assertThat(delta(before, after, "gatehouse_alerts_raised_total", "rule", "held-open")).isEqualTo(1);
        assertThat(delta(before, after, "gatehouse_alerts_suppressed_total", "rule", "held-open")).isEqualTo(1);
        assertThat(delta(before, after, "gatehouse_deliveries_total", "channel", "slack:webhook", "outcome", "sent"))
                .isEqualTo(2);
        assertThat(delta(before, after, "gatehouse_deliveries_total",
                "channel", "slack:webhook", "outcome", "retrying")).isEqualTo(1);
        assertThat(delta(before, after, "gatehouse_deliveries_total", "channel", "email:soc", "outcome", "sent"))
                .isEqualTo(2);
        assertThat(delta(before, after, "gatehouse_deliveries_total", "channel", "slack:unset", "outcome", "skipped"))
                .isEqualTo(1);
        assertThat(delta(before, after, "gatehouse_deliveries_total", "outcome", "failed")).isZero();
        assertThat(delta(before, after, "gatehouse_deliveries_latency_seconds_count", "channel", "email:soc"))
                .isEqualTo(2);
        assertThat(after.value("gatehouse_deliveries_waiting")).isZero();
        // the Slack webhook URL and the test secrets are configuration, never metric labels
        assertThat(after.text()).doesNotContain("T000/B000", SignedWebhooks.API_TOKEN, SignedWebhooks.VERKADA_SECRET,
                SignedWebhooks.SEAM_SECRET, SignedWebhooks.TEDEE_TOKEN);
    }

    @Test
    void countsFailedNormalizationsAndShowsHowOldTheOldestWaitingEventIs() {
        String waiting = UUID.randomUUID().toString();
        String broken = UUID.randomUUID().toString();
        PrometheusScrape before = scrape();
        // acknowledged ten minutes ago and not normalized yet (within the recovery grace period)
        insertInboxRow(waiting, "{\"event\":\"lock-status-changed\"}", Instant.now().minus(Duration.ofMinutes(10)));
        assertThat(scrape().value("gatehouse_inbox_oldest_unnormalized_age_seconds")).isGreaterThanOrEqualTo(600);

        // two hours old: the recovery sweep takes it, and its payload cannot be parsed
        insertInboxRow(broken, "{\"event\": [", Instant.now().minus(Duration.ofHours(2)));
        await().atMost(Duration.ofSeconds(10)).until(() -> "failed".equals(
                jdbc.queryForObject("select status from inbox where id = ?", String.class, broken)));
        jdbc.update("delete from inbox where id = ?", waiting);

        PrometheusScrape after = scrape();
        assertThat(delta(before, after, "gatehouse_events_failed_total", "vendor", "tedee")).isEqualTo(1);
        assertThat(after.value("gatehouse_inbox_oldest_unnormalized_age_seconds")).isLessThan(600);
    }

    @Test
    void healthShowsTheDatabaseAndTheMailServerButReadinessDoesNotWaitForMail() throws Exception {
        JsonNode health = JSON.readTree(expect(200, webhooks.get("/actuator/health", null)).body());
        assertThat(health.at("/components/db/status").asText()).as(health.toString()).isEqualTo("UP");
        assertThat(health.at("/components/mail/status").asText()).isEqualTo("UP");

        SMTP.stop();
        try {
            JsonNode down = JSON.readTree(expect(503, webhooks.get("/actuator/health", null)).body());
            assertThat(down.at("/components/mail/status").asText()).isEqualTo("DOWN");
            assertThat(down.at("/components/db/status").asText()).isEqualTo("UP");
            // webhooks are still stored and alerts wait in the queue: the instance stays in the load balancer
            JsonNode readiness = JSON.readTree(expect(200, webhooks.get("/actuator/health/readiness", null)).body());
            assertThat(readiness.get("status").asText()).isEqualTo("UP");
            assertThat(readiness.at("/components/db/status").asText()).isEqualTo("UP");
            assertThat(readiness.has("components") && readiness.get("components").has("mail")).isFalse();
        } finally {
        }
    }

    @Test
    void servesAnOpenApiDocumentOfTheReadApiWithItsBearerToken() throws Exception {
        JsonNode doc = JSON.readTree(expect(200, webhooks.get("/v3/api-docs", null)).body());

        List<String> paths = iterable(doc.get("paths").fieldNames());
        assertThat(paths).contains("/api/events", "/api/events/{id}", "/api/events/failed",
                "/api/events/{id}/replay", "/api/alerts", "/api/alerts/{id}", "/api/alerts/{alertId}/retry",
                "/api/alerts/{alertId}/deliveries/{deliveryId}/retry", "/api/rules", "/api/rules/reload");
        assertThat(paths).allMatch(path -> path.startsWith("/api/"));
        JsonNode scheme = doc.at("/components/securitySchemes").elements().next();
        assertThat(scheme.get("type").asText()).isEqualTo("http");
        assertThat(scheme.get("scheme").asText()).isEqualTo("bearer");
        String schemeName = doc.at("/components/securitySchemes").fieldNames().next();
        assertThat(doc.get("security").get(0).has(schemeName)).isTrue();
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private PrometheusScrape scrape() {
        return new PrometheusScrape(expect(200, webhooks.get("/actuator/prometheus", null)).body());
    }

    private static double delta(PrometheusScrape before, PrometheusScrape after, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }

    private static HttpResponse<String> expect(int status, HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return response;
    }

    private static String eventId(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body()).get("eventId").asText();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private ObjectNode verkada(String notificationType, String door) {
        ObjectNode webhook = Fixtures.verkada("door_remote_unlock_accepted");
        ObjectNode data = (ObjectNode) webhook.get("data");
        data.put("notification_type", notificationType).put("door_id", door)
                .put("created", Instant.now().getEpochSecond());
        ((ObjectNode) data.get("door_info")).put("name", door);
        return webhook;
    }

    private String send(ObjectNode webhook) {
        return eventId(expect(202, webhooks.verkada(Fixtures.json(webhook))));
    }

    private void insertInboxRow(String id, String rawBody, Instant receivedAt) {
        jdbc.update("insert into inbox (id, vendor, dedup_key, vendor_event_type, received_at, raw_body, status) "
                        + "values (?, 'tedee', ?, 'lock-status-changed', ?, ?, 'received')",
                id, "test:" + id, java.time.OffsetDateTime.ofInstant(receivedAt, java.time.ZoneOffset.UTC), rawBody);
    }

    private void awaitNormalized(String eventId) {
        await().atMost(Duration.ofSeconds(10)).until(() -> "normalized".equals(
                jdbc.queryForObject("select status from inbox where id = ?", String.class, eventId)));
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> list = new java.util.ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
