package io.gatehouse.nuki;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.TestPropertySource;

import io.gatehouse.support.Fixtures;
import io.gatehouse.support.GatehouseIntegrationTest;
import io.gatehouse.support.SignedWebhooks;
import io.gatehouse.support.SlackStub;
import io.gatehouse.support.StoredEvents;
import io.gatehouse.support.VendorFixtures;

/**
 * Nuki as Nuki's decentral webhooks send it, over real HTTP: the brief's examples and one event of every mapped type,
 * signed {@code X-Nuki-Signature-SHA256: <hex HMAC-SHA256 of the body>}, asserted on the stored rows; forgeries
 * refused; redeliveries answered as duplicates; a door status mismatch (taken as forced) at the Slack stub through
 * the shipped rule. Runs once per database: see the H2 and PostgreSQL subclasses.
 */
@GatehouseIntegrationTest
@TestPropertySource(properties = {
        "gatehouse.vendors.nuki.secret=" + NukiWebhooksContract.SECRET,
        "gatehouse.channels.slack.security.webhook-url=http://localhost:${test.slack.port}"
                + NukiWebhooksContract.SLACK_PATH})
abstract class NukiWebhooksContract {

    static final String SECRET = "nuki-it-decentral-secret";
    static final String SLACK_PATH = "/services/T000/B000/nuki";
    static final String KEYPAD_CODE = "918273";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final SlackStub SLACK = new SlackStub();

    static void peers(DynamicPropertyRegistry registry) {
        if (!SLACK.isRunning()) {   // the other database's class stopped it after its tests
            SLACK.start();
        }
        registry.add("test.slack.port", SLACK::port);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    SignedWebhooks webhooks;
    StoredEvents stored;

    @BeforeEach
    void connect() {
        webhooks = new SignedWebhooks(port);
        stored = new StoredEvents(jdbc);
        // every alert answered, so that none is retried ahead of the next test's (deliveries keep their order)
        SLACK.webhookAnswersOk(SLACK_PATH, "");
    }

    static Stream<Arguments> examples() {
        return Stream.of(
                Arguments.of("device-status", "DEVICE_STATUS", "lock.locked", "success", "unknown"),
                Arguments.of("device-masterdata", "DEVICE_MASTERDATA", "unknown", "unknown", "unknown"),
                Arguments.of("device-logs-keypad-unlock", "DEVICE_LOGS.1", "access.granted", "success", "keycode"),
                Arguments.of("device-auths", "DEVICE_AUTHS", "unknown", "unknown", "unknown"),
                Arguments.of("device-status-door-opened", "DEVICE_STATUS", "door.opened", "unknown", "unknown"),
                Arguments.of("device-status-keypad-battery-critical", "DEVICE_STATUS", "device.battery_low",
                        "unknown", "unknown"),
                Arguments.of("device-status-offline", "DEVICE_STATUS", "device.disconnected", "unknown", "unknown"),
                Arguments.of("device-logs-auto-lock", "DEVICE_LOGS.2", "lock.locked", "success", "automatic"),
                Arguments.of("device-logs-manual-unlock", "DEVICE_LOGS.1", "lock.unlocked", "success", "manual"),
                Arguments.of("device-logs-invalid-code", "DEVICE_LOGS.1", "access.denied", "denied", "keycode"),
                Arguments.of("device-logs-motor-blocked", "DEVICE_LOGS.2", "lock.jammed", "failure", "mobile"),
                Arguments.of("device-logs-canceled", "DEVICE_LOGS.1", "command.failed", "failure", "mobile"),
                Arguments.of("device-logs-continuous-mode-on", "DEVICE_LOGS.6", "lock.state_changed", "unknown",
                        "mobile"),
                Arguments.of("device-logs-door-ajar", "DEVICE_LOGS.208", "door.held_open", "unknown", "automatic"),
                Arguments.of("device-logs-doorbell", "DEVICE_LOGS.224", "doorbell.pressed", "unknown", "automatic"),
                Arguments.of("device-logs-door-closed", "DEVICE_LOGS.241", "door.closed", "unknown", "automatic"),
                Arguments.of("device-logs-door-sensor-jammed", "DEVICE_LOGS.242", "device.fault", "unknown",
                        "automatic"),
                Arguments.of("device-logs-unmapped-action", "DEVICE_LOGS.99", "unknown", "unknown", "unknown"));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("examples")
    void storesEveryNukiExampleAsItsCanonicalEvent(String fixture, String vendorType, String type, String outcome,
                                                   String method) {
        ObjectNode payload = VendorFixtures.tree("nuki", fixture);
        String body = Fixtures.json(payload);

        HttpResponse<String> response = nuki(body, SECRET);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        String id = read(response.body()).get("eventId").asText();
        Map<String, Object> row = stored.awaitEvent(id);
        assertThat(row).containsEntry("vendor", "nuki")
                .containsEntry("vendor_event_type", vendorType)
                .containsEntry("type", type)
                .containsEntry("outcome", outcome)
                .containsEntry("method", method)
                .containsEntry("device_id", "100000001");
        JsonNode log = payload.path("smartlockLog");
        if (log.has("date")) {
            assertThat(row).containsEntry("vendor_event_id", log.get("id").asText());
            assertThat(StoredEvents.instant(row.get("occurred_at"))).isEqualTo(Instant.parse(log.get("date").asText()));
        } else if (fixture.startsWith("device-status")) {
            assertThat(StoredEvents.instant(row.get("occurred_at"))).as("no time sent").isEqualTo(StoredEvents.instant(row.get("received_at")));
        }
        assertThat(stored.rawBody(id)).isEqualTo(body);
    }

    @Test
    void keepsAKeypadCodeOutOfTheStoredEventAndTheEventList() {
        ObjectNode auths = VendorFixtures.tree("nuki", "device-auths");
        ((ObjectNode) auths.get("smartlockAuth")).put("code", Integer.parseInt(KEYPAD_CODE))
                .put("id", UUID.randomUUID().toString());

        String id = read(nuki(Fixtures.json(auths), SECRET).body()).get("eventId").asText();

        Map<String, Object> row = stored.awaitEvent(id);
        assertThat(row).containsEntry("type", "unknown");
        assertThat(row.values()).noneMatch(value -> String.valueOf(value).contains(KEYPAD_CODE));
        String list = webhooks.get("/api/events?vendor=nuki&limit=500", SignedWebhooks.API_TOKEN).body();
        assertThat(list).contains(id).doesNotContain(KEYPAD_CODE);
    }

    @Test
    void refusesAnotherKeyAnAlteredBodyAndAMissingHeaderAndStoresNothing() {
        String body = Fixtures.json(logEntry("device-logs-keypad-unlock"));
        String altered = body.replace("Jane Example", "Jane Examples");
        int before = stored.inboxCount();

        assertRefused(nuki(body, "not-the-nuki-secret"), "invalid_signature");
        assertRefused(post(altered, NukiDefinitionTest.hmacSha256Hex(SECRET, body)), "invalid_signature");
        assertRefused(webhooks.post("/webhooks/nuki", body, Map.of("Content-Type", "application/json")),
                "missing_signature");
        assertThat(stored.inboxCount()).isEqualTo(before);
    }

    @Test
    void answersALogEntryRedeliveredAndAnIdenticalStatusAsDuplicates() {
        ObjectNode entry = logEntry("device-logs-auto-lock");
        ObjectNode status = VendorFixtures.tree("nuki", "device-status").put("smartlockId", 100000002L);
        ObjectNode changed = status.deepCopy();
        ((ObjectNode) changed.get("state")).put("state", 3);

        VendorFixtures.awaitWellInsideDedupWindow(java.time.Duration.ofMinutes(10));   // nuki.yaml's dedup-window
        HttpResponse<String> first = nuki(Fixtures.json(entry), SECRET);
        HttpResponse<String> retry = nuki(Fixtures.json(entry), SECRET);
        HttpResponse<String> report = nuki(Fixtures.json(status), SECRET);
        HttpResponse<String> sameReport = nuki(Fixtures.json(status), SECRET);
        HttpResponse<String> newReport = nuki(Fixtures.json(changed), SECRET);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(read(retry.body()).get("status").asText()).isEqualTo("duplicate");
        assertThat(read(retry.body()).get("eventId").asText()).isEqualTo(read(first.body()).get("eventId").asText());
        assertThat(report.statusCode()).isEqualTo(202);
        assertThat(sameReport.statusCode()).isEqualTo(200);
        assertThat(read(sameReport.body()).get("status").asText()).isEqualTo("duplicate");
        assertThat(newReport.statusCode()).isEqualTo(202);
    }

    @Test
    void sendsADoorStatusMismatchToSlackAsAForcedDoor() {
        ObjectNode mismatch = logEntry("device-logs-door-status-mismatch");
        ((ObjectNode) mismatch.get("smartlockLog")).put("date", Instant.now().toString());

        String id = read(nuki(Fixtures.json(mismatch), SECRET).body()).get("eventId").asText();

        LoggedRequest slack = SLACK.awaitReceived(SLACK_PATH, id);
        assertThat(read(slack.getBodyAsString()).get("text").asText()).contains("[CRITICAL] Door forced open");
        assertThat(stored.alertRule(id))
                .isEqualTo("door-forced-open");
    }

    /** The fixture's log entry with an id no other test sent. */
    private static ObjectNode logEntry(String fixture) {
        ObjectNode entry = VendorFixtures.tree("nuki", fixture);
        ((ObjectNode) entry.get("smartlockLog")).put("id",
                UUID.randomUUID().toString().replace("-", "").substring(0, 24));
        return entry;
    }

    private HttpResponse<String> nuki(String body, String secret) {
        return post(body, NukiDefinitionTest.hmacSha256Hex(secret, body));
    }

    private HttpResponse<String> post(String body, String signature) {
        return webhooks.post("/webhooks/nuki", body, Map.of("Content-Type", "application/json; charset=UTF-8",
                "X-Nuki-Signature-SHA256", signature));
    }


    private static void assertRefused(HttpResponse<String> response, String error) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/json"));
        assertThat(read(response.body()).get("error").asText()).isEqualTo(error);
    }




    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
