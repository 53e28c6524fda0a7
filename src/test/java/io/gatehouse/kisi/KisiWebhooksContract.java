package io.gatehouse.kisi;

import static io.gatehouse.support.SignedWebhooks.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.TestPropertySource;

import io.gatehouse.support.GatehouseIntegrationTest;
import io.gatehouse.support.SignedWebhooks;
import io.gatehouse.support.SlackStub;
import io.gatehouse.support.VendorFixtures;

/**
 * Kisi as its Event Webhook integration sends: the fixtures signed with {@code X-Signature} (hex HMAC-SHA256 of
 * the body), over HTTP, the stored canonical event read back; forged, altered and unsigned deliveries refused with
 * nothing stored; a repeated uuid answered as a duplicate; a forced door alerted to Slack by the shipped rule
 * door-forced-open. Runs once per database: see the H2 and PostgreSQL subclasses.
 */
@GatehouseIntegrationTest
@TestPropertySource(properties = "gatehouse.vendors.kisi.secret=" + KisiWebhooksContract.SECRET)
abstract class KisiWebhooksContract {

    static final String SECRET = "kisi-signature-key-typed-into-kisi";
    static final String SLACK_PATH = "/services/T000/B000/kisi";

    @RegisterExtension
    static final SlackStub SLACK = new SlackStub();
    /** Taken while the stub listens: the class before may have stopped it, the next test starts it again. */
    private static final String SLACK_URL = SLACK.url(SLACK_PATH);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The shipped channel slack:security, pointed at the stub. */
    static void slack(DynamicPropertyRegistry registry) {
        registry.add("gatehouse.channels.slack.security.webhook-url", () -> SLACK_URL);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    SignedWebhooks webhooks;

    @BeforeEach
    void connect() {
        webhooks = new SignedWebhooks(port);
        // every alert the fixtures raise (held and forced doors, lockdowns, tampering) is taken, so that none holds
        // the channel with retries
        SLACK.webhookAnswersOk(SLACK_PATH, "");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "lock.unlock,                     access.granted,      success",
            "lock.unlock.placeholder,         access.granted,      success",
            "lock.unlock.legacy,              access.denied,       denied",
            "lock.unlock.denied,              access.denied,       denied",
            "lock.unlock.request_to_exit,     lock.unlocked,       success",
            "lock.lock,                       lock.locked,         success",
            "lock.open,                       door.opened,         unknown",
            "lock.close,                      door.closed,         unknown",
            "lock.held_open,                  door.held_open,      unknown",
            "lock.forced_open,                door.forced_open,    unknown",
            "lock.lockdown,                   lockdown.started,    unknown",
            "lock.cancel_lockdown,            lockdown.ended,      unknown",
            "lock.scheduled_unlocks_started,  lock.unlocked,       success",
            "lock.scheduled_unlocks_ended,    lock.locked,         success",
            "lock.update,                     unknown,             unknown",
            "elevator.permit,                 access.granted,      success",
            "controller.tampered,             device.tampered,     unknown",
            "gateway.update,                  unknown,             unknown",
            "integration.elevated_error_rate, unknown,             unknown",
            "user.sign_in,                    unknown,             unknown"})
    void storesEveryFixtureAsItsCanonicalEvent(String fixture, String type, String outcome) {
        String body = VendorFixtures.text("kisi", fixture);

        HttpResponse<String> reply = send(body);

        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(202);
        JsonNode event = webhooks.awaitEvent(json(reply).get("eventId").asText());
        JsonNode sent = VendorFixtures.tree("kisi", fixture);
        assertThat(event.path("vendor").asText()).isEqualTo("kisi");
        assertThat(event.path("type").asText()).isEqualTo(type);
        assertThat(event.path("outcome").asText()).isEqualTo(outcome);
        assertThat(text(event.path("vendorEventId"))).isEqualTo(text(sent.path("uuid")));
        assertThat(text(event.at("/actor/id"))).isEqualTo(text(sent.path("actor_id")));
        assertThat(text(event.at("/actor/name"))).isEqualTo(text(sent.path("actor_name")));
        assertThat(event.get("raw")).isEqualTo(sent);
    }

    @Test
    void storesTheBriefsGrantedUnlockWithDoorPlaceUserAndTime() {
        ObjectNode unlock = withUuid(VendorFixtures.tree("kisi", "lock.unlock"));
        String id = json(send(unlock.toString())).get("eventId").asText();

        webhooks.awaitEvent(id);

        Map<String, Object> row = jdbc.queryForMap("select type, outcome, vendor_event_id, door_id, door_name, "
                + "device_kind, site_id, actor_id, actor_name, occurred_at from access_event where id = ?", id);
        assertThat(row).containsEntry("type", "access.granted").containsEntry("outcome", "success")
                .containsEntry("vendor_event_id", unlock.path("uuid").asText())
                .containsEntry("door_id", "1234").containsEntry("door_name", "Main Entrance")
                .containsEntry("device_kind", "lock").containsEntry("site_id", "77")
                .containsEntry("actor_id", "1001").containsEntry("actor_name", "Jane Example");
        JsonNode event = webhooks.awaitEvent(id);
        assertThat(event.path("occurredAt").asText()).isEqualTo("2024-03-01T08:15:02Z");
    }

    @Test
    void answersTheSameUuidAgainAsADuplicate() {
        ObjectNode unlock = withUuid(VendorFixtures.tree("kisi", "lock.unlock"));
        ObjectNode resent = unlock.deepCopy().put("created_at", "2024-03-01T08:15:09Z");

        HttpResponse<String> first = send(unlock.toString());
        HttpResponse<String> again = send(unlock.toString());
        HttpResponse<String> reworded = send(resent.toString());

        assertThat(first.statusCode()).isEqualTo(202);
        String eventId = json(first).get("eventId").asText();
        for (HttpResponse<String> duplicate : List.of(again, reworded)) {
            assertThat(duplicate.statusCode()).isEqualTo(200);
            assertThat(json(duplicate).get("status").asText()).isEqualTo("duplicate");
            assertThat(json(duplicate).get("eventId").asText()).isEqualTo(eventId);
        }
        assertThat(jdbc.queryForObject("select count(*) from inbox where vendor = 'kisi' and dedup_key = ?",
                Integer.class, unlock.path("uuid").asText())).isOne();
    }

    @Test
    void refusesAnotherKeyAnAlteredBodyAndNoSignatureStoringNothing() {
        String body = withUuid(VendorFixtures.tree("kisi", "lock.unlock")).toString();
        int stored = inboxCount();

        HttpResponse<String> wrongKey = webhooks.post("/webhooks/kisi", body,
                headers(SignedWebhooks.kisiSignature("guessed-key", body)));
        HttpResponse<String> altered = webhooks.post("/webhooks/kisi", body.replace("Main Entrance", "Back Door"),
                headers(SignedWebhooks.kisiSignature(SECRET, body)));
        HttpResponse<String> unsigned = webhooks.post("/webhooks/kisi", body,
                Map.of("Content-Type", "application/json"));

        assertRefused(wrongKey, "invalid_signature");
        assertRefused(altered, "invalid_signature");
        assertRefused(unsigned, "missing_signature");
        assertThat(inboxCount()).isEqualTo(stored);
    }

    @Test
    void alertsAForcedDoorToSlack() throws IOException {
        String door = "Kisi Door " + UUID.randomUUID().toString().substring(0, 8);
        // a door of its own: the shipped rule throttles per door
        ObjectNode forced = withUuid(VendorFixtures.tree("kisi", "lock.forced_open")).put("object_name", door)
                .put("object_id", Math.floorMod(door.hashCode(), 1_000_000) + 10_000);

        String eventId = json(send(forced.toString())).get("eventId").asText();

        List<LoggedRequest> received = await().atMost(Duration.ofSeconds(30))
                .until(() -> SLACK.received(SLACK_PATH, door), requests -> !requests.isEmpty());
        assertThat(received).hasSize(1);
        JsonNode message = JSON.readTree(received.get(0).getBodyAsString());
        assertThat(message.get("text").asText()).contains("[CRITICAL] Door forced open — " + door);
        assertThat(received.get(0).getBodyAsString()).contains(eventId);
    }

    private HttpResponse<String> send(String body) {
        return webhooks.post("/webhooks/kisi", body, headers(SignedWebhooks.kisiSignature(SECRET, body)));
    }

    private static Map<String, String> headers(String signature) {
        return Map.of("Content-Type", "application/json", "X-Signature", signature);
    }

    /** The event with a uuid of its own, so that no other test's delivery makes it a duplicate. */
    private static ObjectNode withUuid(ObjectNode event) {
        return event.put("uuid", UUID.randomUUID().toString());
    }

    private void assertRefused(HttpResponse<String> reply, String error) {
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(401);
        assertThat(reply.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/json"));
        assertThat(json(reply).get("error").asText()).isEqualTo(error);
    }

    private int inboxCount() {
        return jdbc.queryForObject("select count(*) from inbox where vendor = 'kisi'", Integer.class);
    }

    /** A value as text; what is missing or null as "". */
    private static String text(JsonNode value) {
        return value.isMissingNode() || value.isNull() ? "" : value.asText();
    }
}
