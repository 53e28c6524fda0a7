package io.gatehouse.unifi;

import static io.gatehouse.support.SignedWebhooks.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import io.gatehouse.support.GatehouseIntegrationTest;
import io.gatehouse.support.SignedWebhooks;
import io.gatehouse.support.VendorFixtures;

/**
 * UniFi Access as the console sends it: the fixtures signed with {@code Signature: t=..,v1=..} over {@code t.body},
 * over HTTP, the stored canonical event read back; forged, altered, unsigned and stale deliveries refused with
 * nothing stored; a re-sent delivery (new {@code t}, same body) answered as a duplicate. Runs once per database:
 * see the H2 and PostgreSQL subclasses.
 */
@GatehouseIntegrationTest
@TestPropertySource(properties = "gatehouse.vendors.unifi.secret=" + UnifiWebhooksContract.SECRET)
@ExtendWith(OutputCaptureExtension.class)
abstract class UnifiWebhooksContract {

    static final String SECRET = "6601f1243d2ff70f";
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    SignedWebhooks webhooks;

    @BeforeEach
    void connect() {
        webhooks = new SignedWebhooks(port);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "access.door.unlock,                        access.granted,     success, card",
            "access.door.unlock.denied,                 access.denied,      denied,  keycode",
            "access.door.unlock.remote,                 lock.unlocked,      success, remote",
            "access.device.dps_status,                  door.opened,        unknown, unknown",
            "access.device.dps_status.close,            door.closed,        unknown, unknown",
            "access.doorbell.incoming,                  doorbell.pressed,   unknown, unknown",
            "access.doorbell.incoming.REN,              doorbell.pressed,   unknown, button",
            "access.doorbell.completed,                 doorbell.ended,     unknown, unknown",
            "access.device.emergency_status,            lockdown.started,   unknown, unknown",
            "access.device.emergency_status.evacuation, evacuation.started, unknown, unknown",
            "access.device.emergency_status.cleared,    unknown,            unknown, unknown",
            "access.unlock_schedule.activate,           lock.unlocked,      success, automatic",
            "access.unlock_schedule.deactivate,         lock.locked,        success, automatic",
            "access.temporary_unlock.start,             lock.unlocked,      success, remote",
            "access.temporary_unlock.end,               lock.locked,        success, automatic",
            "access.visitor.status.changed,             unknown,            unknown, unknown"})
    void storesEveryFixtureAsItsCanonicalEvent(String fixture, String type, String outcome, String method) {
        String body = VendorFixtures.text("unifi", fixture);

        HttpResponse<String> reply = send(body, Instant.now());

        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(202);
        JsonNode event = webhooks.awaitEvent(json(reply).get("eventId").asText());
        JsonNode sent = VendorFixtures.tree("unifi", fixture);
        assertThat(event.path("vendor").asText()).isEqualTo("unifi");
        assertThat(event.path("type").asText()).isEqualTo(type);
        assertThat(event.path("outcome").asText()).isEqualTo(outcome);
        assertThat(event.path("method").asText()).isEqualTo(method);
        assertThat(event.path("vendorEventType").asText()).isEqualTo(sent.path("event").asText());
        assertThat(event.at("/door/id").asText()).isEqualTo(sent.at("/data/location/id").asText());
        assertThat(event.at("/door/name").asText()).isEqualTo(sent.at("/data/location/name").asText());
        assertThat(event.at("/device/id").asText()).isEqualTo(sent.at("/data/device/id").asText());
        assertThat(event.at("/device/name").asText()).isEqualTo(sent.at("/data/device/name").asText());
        assertThat(event.at("/actor/name").asText()).isEqualTo(sent.at("/data/actor/name").asText());
        assertThat(event.get("raw")).isEqualTo(sent);
    }

    @Test
    void storesTheBriefsUnlockExampleWithDoorHubAndUser() {
        String body = VendorFixtures.text("unifi", "access.door.unlock");
        String id = json(send(withMarker(body), Instant.now())).get("eventId").asText();

        webhooks.awaitEvent(id);

        Map<String, Object> row = jdbc.queryForMap("select type, outcome, method, door_id, door_name, device_id, "
                + "device_name, device_kind, actor_id, actor_name, site_id from access_event where id = ?", id);
        assertThat(row).containsEntry("type", "access.granted").containsEntry("outcome", "success")
                .containsEntry("method", "card")
                .containsEntry("door_id", "00000000-0000-4000-8000-000000000010")
                .containsEntry("door_name", "Front Door")
                .containsEntry("device_id", "0000000000aa").containsEntry("device_name", "UA-HUB-00AA")
                .containsEntry("device_kind", "UAH")
                .containsEntry("actor_id", "00000000-0000-4000-8000-000000000030")
                .containsEntry("actor_name", "Jane Example")
                .containsEntry("site_id", null);
    }

    @Test
    void keepsTheAuthenticationValueOutOfFieldsLogsAndTheEventList(CapturedOutput output) {
        String pin = String.valueOf(100_000 + Math.floorMod(UUID.randomUUID().hashCode(), 800_000));
        String body = VendorFixtures.text("unifi", "access.door.unlock.denied").replace("482913", pin);
        String id = json(send(withMarker(body), Instant.now())).get("eventId").asText();

        JsonNode event = webhooks.awaitEvent(id);

        assertThat(event.get("raw").at("/data/object/authentication_value").asText()).isEqualTo(pin);
        ObjectNode canonical = event.deepCopy();
        canonical.remove("raw");
        assertThat(canonical.toString()).doesNotContain(pin);
        assertThat(webhooks.get("/api/events?vendor=unifi&limit=500", SignedWebhooks.API_TOKEN).body())
                .doesNotContain(pin);
        assertThat(output.getAll()).doesNotContain(pin);
    }

    @Test
    void answersAReSentDeliveryAsADuplicate() {
        String body = withMarker(VendorFixtures.text("unifi", "access.device.dps_status"));
        VendorFixtures.awaitWellInsideDedupWindow(java.time.Duration.ofMinutes(2));   // unifi.yaml's dedup-window

        HttpResponse<String> first = send(body, Instant.now().minusSeconds(30));
        HttpResponse<String> again = send(body, Instant.now());

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).get("status").asText()).isEqualTo("duplicate");
        assertThat(json(again).get("eventId").asText()).isEqualTo(json(first).get("eventId").asText());
        assertThat(jdbc.queryForObject("select count(*) from inbox where vendor = 'unifi' and raw_body = ?",
                Integer.class, body)).isOne();
    }

    @Test
    void refusesAnotherKeyAnAlteredBodyNoHeaderAndAStaleTimestampStoringNothing() {
        String body = withMarker(VendorFixtures.text("unifi", "access.door.unlock"));
        int stored = inboxCount();

        HttpResponse<String> wrongKey = webhooks.post("/webhooks/unifi", body,
                headers(SignedWebhooks.unifiSignature("0123456789abcdef", body, Instant.now())));
        HttpResponse<String> altered = webhooks.post("/webhooks/unifi", body.replace("Front Door", "Back Door"),
                headers(SignedWebhooks.unifiSignature(SECRET, body, Instant.now())));
        HttpResponse<String> unsigned = webhooks.post("/webhooks/unifi", body,
                Map.of("Content-Type", "application/json"));
        HttpResponse<String> stale = send(body, Instant.now().minus(Duration.ofMinutes(6)));

        assertRefused(wrongKey, "invalid_signature");
        assertRefused(altered, "invalid_signature");
        assertRefused(unsigned, "missing_signature");
        assertRefused(stale, "stale_timestamp");
        assertThat(inboxCount()).isEqualTo(stored);
    }

    private HttpResponse<String> send(String body, Instant signedAt) {
        return webhooks.post("/webhooks/unifi", body, headers(SignedWebhooks.unifiSignature(SECRET, body, signedAt)));
    }

    private static Map<String, String> headers(String signature) {
        return Map.of("Content-Type", "application/json", "Signature", signature);
    }

    /** The body with an event_object_id of its own, so that no other test's delivery makes it a duplicate. */
    private static String withMarker(String body) {
        try {
            ObjectNode tree = (ObjectNode) JSON.readTree(body);
            tree.put("event_object_id", UUID.randomUUID().toString());
            return tree.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void assertRefused(HttpResponse<String> reply, String error) {
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(401);
        assertThat(reply.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/json"));
        assertThat(json(reply).get("error").asText()).isEqualTo(error);
    }

    private int inboxCount() {
        return jdbc.queryForObject("select count(*) from inbox where vendor = 'unifi'", Integer.class);
    }
}
