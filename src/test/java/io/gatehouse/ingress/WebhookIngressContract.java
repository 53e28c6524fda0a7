package io.gatehouse.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import io.gatehouse.ops.Retention;
import io.gatehouse.support.Fixtures;
import io.gatehouse.support.GatehouseIntegrationTest;
import io.gatehouse.support.SignedWebhooks;

/**
 * What a vendor sees of Gatehouse, over real HTTP with real signatures, asserted on the database rows.
 * Runs once per database: see the H2 and PostgreSQL subclasses.
 */
@GatehouseIntegrationTest
@TestPropertySource(properties = {
        "gatehouse.ingress.max-body-size=64KB",
        "gatehouse.recovery.interval=500",
        "gatehouse.recovery.grace=2s"})
abstract class WebhookIngressContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant DOC_EXAMPLE_TIME = Instant.parse("2025-01-01T00:00:00Z");
    private static final String DOC_UUID = "00000000-0000-0000-0000-000000000000";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Retention retention;

    @Autowired
    MeterRegistry registry;

    SignedWebhooks webhooks;

    @BeforeEach
    void connect() {
        webhooks = new SignedWebhooks(port);
    }

    static Stream<Arguments> seamExamples() {
        return Stream.of(
                Arguments.of("lock.locked", "lock.locked", "keycode"),
                Arguments.of("lock.unlocked", "lock.unlocked", "keycode"),
                Arguments.of("lock.access_denied", "access.denied", "unknown"),
                Arguments.of("acs_system.added", "system.added", "unknown"),
                Arguments.of("acs_system.connected", "system.connected", "unknown"),
                Arguments.of("acs_system.disconnected", "system.disconnected", "unknown"),
                Arguments.of("action_attempt.lock_door.succeeded", "command.succeeded", "remote"),
                Arguments.of("action_attempt.lock_door.failed", "command.failed", "remote"),
                Arguments.of("action_attempt.unlock_door.succeeded", "command.succeeded", "remote"),
                Arguments.of("action_attempt.unlock_door.failed", "command.failed", "remote"),
                Arguments.of("action_attempt.simulate_keypad_code_entry.succeeded", "command.succeeded", "remote"),
                Arguments.of("action_attempt.simulate_keypad_code_entry.failed", "command.failed", "remote"),
                Arguments.of("action_attempt.simulate_manual_lock_via_keypad.succeeded", "command.succeeded", "remote"),
                Arguments.of("action_attempt.simulate_manual_lock_via_keypad.failed", "command.failed", "remote"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("seamExamples")
    void storesEverySeamDocExampleAsItsCanonicalEvent(String seamType, String canonicalType, String method) {
        ObjectNode event = Fixtures.seam(seamType);
        String body = Fixtures.json(event);

        HttpResponse<String> response = webhooks.seam(body);

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode reply = read(response);
        assertThat(reply.get("status").asText()).isEqualTo("accepted");
        Map<String, Object> row = awaitEvent(reply.get("eventId").asText());
        assertThat(row).containsEntry("vendor", "seam")
                .containsEntry("vendor_event_id", event.get("event_id").asText())
                .containsEntry("vendor_event_type", seamType)
                .containsEntry("type", canonicalType)
                .containsEntry("method", method)
                .containsEntry("site_id", DOC_UUID);
        assertThat(instant(row.get("occurred_at"))).isEqualTo(DOC_EXAMPLE_TIME);
        assertThat(rawBody(reply.get("eventId").asText())).isEqualTo(body);
    }

    @Test
    void storesVerkadaRemoteUnlockWithDoorControllerAndUser() {
        String body = Fixtures.json(Fixtures.verkada("door_remote_unlock_accepted"));

        HttpResponse<String> response = webhooks.verkada(body);

        assertThat(response.statusCode()).isEqualTo(202);
        Map<String, Object> row = awaitEvent(read(response).get("eventId").asText());
        assertThat(row).containsEntry("type", "access.granted")
                .containsEntry("outcome", "success")
                .containsEntry("method", "remote")
                .containsEntry("door_id", "a1faa47c-330a-45aa-8fe6-cacb293400c2")
                .containsEntry("door_name", "Front Door")
                .containsEntry("device_name", "Lobby Door Controller")
                .containsEntry("actor_name", "John Smith")
                .containsEntry("site_id", "a74fc6a6-4fc5-4e5c-88e5-57301683327a");
        assertThat(instant(row.get("occurred_at"))).isEqualTo(Instant.ofEpochSecond(1692235647));
    }

    @Test
    void storesVerkadaRejectedKeycardAsDeniedWithoutTheEnteredValue() {
        String body = Fixtures.json(Fixtures.verkada("door_keycard_entered_rejected"));

        HttpResponse<String> response = webhooks.verkada(body);

        assertThat(response.statusCode()).isEqualTo(202);
        Map<String, Object> row = awaitEvent(read(response).get("eventId").asText());
        assertThat(row).containsEntry("type", "access.denied")
                .containsEntry("outcome", "denied")
                .containsEntry("method", "card")
                .containsEntry("door_id", "dd47e8e4-dc18-47d9-8249-4607eaa884dd");
        assertThat(String.valueOf(row.get("attributes"))).doesNotContain("151|39924");
    }

    @Test
    void storesVerkadaCameraNotificationAsUnknown() {
        ObjectNode camera = Fixtures.verkada("door_keycard_entered_rejected");
        ((ObjectNode) camera.get("data")).put("device_type", "camera").put("notification_type", "person_of_interest");

        HttpResponse<String> response = webhooks.verkada(Fixtures.json(camera));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(awaitEvent(read(response).get("eventId").asText())).containsEntry("type", "unknown")
                .containsEntry("vendor_event_type", "person_of_interest");
    }

    @Test
    void storesTedeeLockStatusChange() {
        ObjectNode webhook = Fixtures.tedee("lock-status-changed");

        HttpResponse<String> response = webhooks.tedee(Fixtures.json(webhook));

        assertThat(response.statusCode()).isEqualTo(202);
        Map<String, Object> row = awaitEvent(read(response).get("eventId").asText());
        assertThat(row).containsEntry("type", "lock.locked")
                .containsEntry("device_id", webhook.get("data").get("deviceId").asText())
                .containsEntry("device_kind", "lock_pro");
        assertThat(instant(row.get("occurred_at"))).isEqualTo(Instant.parse("2022-11-09T14:15:28.327Z"));
    }

    @Test
    void storesTedeePerUserCopiesOfOneChangeAsOneEvent() {
        ObjectNode first = Fixtures.tedee("lock-status-changed");
        ObjectNode copy = first.deepCopy().put("userIdentity", "another-user").put("timestamp", "2022-11-09T14:15:31.002Z");

        HttpResponse<String> original = webhooks.tedee(Fixtures.json(first));
        HttpResponse<String> forOtherUser = webhooks.post("/webhooks/tedee", Fixtures.json(copy),
                Map.of("Content-Type", "application/json", "Authorization", "Bearer " + SignedWebhooks.TEDEE_TOKEN));

        assertThat(original.statusCode()).isEqualTo(202);
        assertThat(forOtherUser.statusCode()).isEqualTo(200);
        assertThat(read(forOtherUser).get("status").asText()).isEqualTo("duplicate");
        assertThat(read(forOtherUser).get("eventId").asText()).isEqualTo(read(original).get("eventId").asText());
    }

    @Test
    void storesARedeliveredSeamEventOnceAndAnswersDuplicate() {
        String body = Fixtures.json(Fixtures.seam("lock.locked"));

        HttpResponse<String> first = webhooks.seam(body);
        HttpResponse<String> retry = webhooks.seam(body);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(read(retry).get("status").asText()).isEqualTo("duplicate");
        assertThat(read(retry).get("eventId").asText()).isEqualTo(read(first).get("eventId").asText());
        String vendorEventId = read(body).get("event_id").asText();
        assertThat(jdbc.queryForObject("select count(*) from inbox where vendor_event_id = ?", Integer.class,
                vendorEventId)).isEqualTo(1);
    }

    @Test
    void storesASeamEventWhoseIdAndTypeHoldNulOnceAndNormalizesIt() {
        // JSON may escape NUL; a PostgreSQL text column cannot hold it, and a failed insert would answer 500 for ever
        ObjectNode event = Fixtures.seam("lock.locked").put("event_id", "evt_nul_\u0000_" + UUID.randomUUID())
                .put("event_type", "lock.\u0000locked");
        String body = Fixtures.json(event);

        HttpResponse<String> first = webhooks.seam(body);
        HttpResponse<String> retry = webhooks.seam(body);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(awaitEvent(read(first).get("eventId").asText())).containsEntry("vendor_event_type", "lock.locked");
    }

    @Test
    void storesAVerkadaRetrySignedAnewOnce() {
        String body = Fixtures.json(Fixtures.verkada("door_remote_unlock_accepted"));

        HttpResponse<String> first = webhooks.verkada(body, SignedWebhooks.VERKADA_SECRET, Instant.now());
        HttpResponse<String> retry = webhooks.verkada(body, SignedWebhooks.VERKADA_SECRET,
                Instant.now().plusSeconds(30));

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(retry.statusCode()).isEqualTo(200);
    }

    @Test
    void storesAWellSignedButUnknownSeamEventAsUnknown() {
        ObjectNode event = Fixtures.seam("lock.locked").put("event_type", "thermostat.temperature_threshold_exceeded");

        HttpResponse<String> response = webhooks.seam(Fixtures.json(event));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(awaitEvent(read(response).get("eventId").asText())).containsEntry("type", "unknown")
                .containsEntry("vendor_event_type", "thermostat.temperature_threshold_exceeded");
    }

    @Test
    void verifiesSeamSignatureOverANonAsciiBodyAndKeepsItsExactBytes() {
        ObjectNode event = Fixtures.seam("lock.unlocked");
        event.putObject("device_custom_metadata").put("door", "Zoë's Tür — Ærø 東京 🚪");
        // escaped and literal non-ASCII side by side, and whitespace a re-serialization would drop
        String body = Fixtures.json(event).replace("{\"access_code_id\"", "{ \"note\": \"caf\\u00e9 café\",\n  \"access_code_id\"");

        HttpResponse<String> response = webhooks.seam(body);

        assertThat(response.statusCode()).isEqualTo(202);
        String id = read(response).get("eventId").asText();
        awaitEvent(id);
        assertThat(rawBody(id)).isEqualTo(body);
    }

    @Test
    void verifiesVerkadaSignatureOverANonAsciiBodyAndStoresTheNames() {
        ObjectNode webhook = Fixtures.verkada("door_remote_unlock_accepted");
        ((ObjectNode) webhook.get("data").get("user_info")).put("name", "Zoë Ångström-Łukasiewicz 山田");
        ((ObjectNode) webhook.get("data").get("door_info")).put("name", "Tür Süd — Eingang");

        HttpResponse<String> response = webhooks.verkada(Fixtures.json(webhook));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(awaitEvent(read(response).get("eventId").asText()))
                .containsEntry("actor_name", "Zoë Ångström-Łukasiewicz 山田")
                .containsEntry("door_name", "Tür Süd — Eingang");
    }

    @Test
    void acceptsSeamWebhookSignedWithOldAndNewSecretDuringRotation() {
        String body = Fixtures.json(Fixtures.seam("lock.locked"));
        Instant now = Instant.now();
        Map<String, String> headers = new java.util.HashMap<>(webhooks.seamHeaders(body, SignedWebhooks.SEAM_SECRET, now));
        // while a secret rotates, Svix signs the same delivery with each secret, the unknown one first here
        String withOtherSecret = signWith(SignedWebhooks.OTHER_SEAM_SECRET, headers.get("svix-id"), now, body);
        headers.put("svix-signature", withOtherSecret + " " + headers.get("svix-signature"));

        HttpResponse<String> response = webhooks.post("/webhooks/seam", body, headers);

        assertThat(response.statusCode()).isEqualTo(202);
    }

    @Test
    void rejectsSeamWebhookSignedWithAnotherSecretAndStoresNothing() {
        int before = inboxCount();

        HttpResponse<String> response = webhooks.seam(Fixtures.json(Fixtures.seam("lock.unlocked")),
                SignedWebhooks.OTHER_SEAM_SECRET, Instant.now());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(read(response).get("error").asText()).isEqualTo("invalid_signature");
        assertThat(inboxCount()).isEqualTo(before);
    }

    @Test
    void rejectsSeamWebhookWithAStaleTimestamp() {
        HttpResponse<String> response = webhooks.seam(Fixtures.json(Fixtures.seam("lock.unlocked")),
                SignedWebhooks.SEAM_SECRET, Instant.now().minus(Duration.ofMinutes(6)));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(read(response).get("error").asText()).isEqualTo("stale_timestamp");
    }

    @Test
    void rejectsSeamWebhookWithoutSignatureHeaders() {
        HttpResponse<String> response = webhooks.post("/webhooks/seam", Fixtures.json(Fixtures.seam("lock.unlocked")),
                Map.of("Content-Type", "application/json"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(read(response).get("error").asText()).isEqualTo("missing_signature");
    }

    @Test
    void rejectsVerkadaWebhookSignedWithAnotherSecretOrStale() {
        String body = Fixtures.json(Fixtures.verkada("door_remote_unlock_accepted"));

        HttpResponse<String> forged = webhooks.verkada(body, "not-the-secret", Instant.now());
        HttpResponse<String> stale = webhooks.verkada(body, SignedWebhooks.VERKADA_SECRET,
                Instant.now().minus(Duration.ofMinutes(10)));

        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(read(forged).get("error").asText()).isEqualTo("invalid_signature");
        assertThat(stale.statusCode()).isEqualTo(401);
        assertThat(read(stale).get("error").asText()).isEqualTo("stale_timestamp");
    }

    @Test
    void rejectsTedeeWebhookWithoutTheRightToken() {
        String body = Fixtures.json(Fixtures.tedee("lock-status-changed"));

        HttpResponse<String> none = webhooks.post("/webhooks/tedee", body, Map.of("Content-Type", "application/json"));
        HttpResponse<String> wrong = webhooks.post("/webhooks/tedee?token=guess", body,
                Map.of("Content-Type", "application/json"));

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(read(none).get("error").asText()).isEqualTo("missing_token");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(read(wrong).get("error").asText()).isEqualTo("invalid_token");
    }

    @Test
    void rejectsMalformedJsonWith400AndStoresNothing() {
        int before = inboxCount();

        HttpResponse<String> response = webhooks.seam("{\"event_type\": \"lock.locked\", ");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(read(response).get("error").asText()).isEqualTo("malformed_json");
        assertThat(inboxCount()).isEqualTo(before);
    }

    @Test
    void rejectsAPayloadWithoutEventTypeWith400() {
        ObjectNode event = Fixtures.seam("lock.locked");
        event.remove("event_type");

        HttpResponse<String> response = webhooks.seam(Fixtures.json(event));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(read(response).get("error").asText()).isEqualTo("missing_event_type");
    }

    @Test
    void keepsAWellSignedEventOfUnexpectedShapeWhole() {
        // valid JSON, signed: never refused for its shape; the definition's mappings find nothing where they look
        String body = Fixtures.json(Fixtures.tedee("lock-status-changed").put("data", "not an object"));

        HttpResponse<String> response = webhooks.tedee(body);

        assertThat(response.statusCode()).isEqualTo(202);
        String id = read(response).get("eventId").asText();
        awaitEvent(id);
        assertThat(jdbc.queryForObject("select type from access_event where id = ?", String.class, id))
                .isEqualTo("lock.state_changed");
        assertThat(jdbc.queryForObject("select device_id from access_event where id = ?", String.class, id)).isNull();
        assertThat(rawBody(id)).isEqualTo(body);
    }

    @Test
    void rejectsABodyOverTheSizeLimitWith413() {
        int before = inboxCount();
        ObjectNode event = Fixtures.seam("lock.locked");
        event.put("padding", "x".repeat(70 * 1024));

        HttpResponse<String> response = webhooks.seam(Fixtures.json(event));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(read(response).get("error").asText()).isEqualTo("payload_too_large");
        assertThat(inboxCount()).isEqualTo(before);
    }

    @Test
    void rejectsANonJsonContentTypeWith415() {
        HttpResponse<String> response = webhooks.post("/webhooks/verkada", "a=b",
                Map.of("Content-Type", "application/x-www-form-urlencoded"));

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(read(response).get("error").asText()).isEqualTo("unsupported_media_type");
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void refusesAFormBodyWithAJson415BeforeAnythingParsesItAndCountsIt(CapturedOutput output) {
        String marker = "forged-" + UUID.randomUUID();
        // a bad escape made Camel's form parsing throw (an HTML 500) and log the body, new lines included
        String form = "a=%zz&note=\n2026-01-01 ERROR " + marker;
        double before = rejected("verkada", "415", "unsupported_media_type");
        int stored = inboxCount();

        HttpResponse<String> response = webhooks.post("/webhooks/verkada", form,
                Map.of("Content-Type", "application/x-www-form-urlencoded"));

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/json"));
        assertThat(read(response).get("error").asText()).isEqualTo("unsupported_media_type");
        assertThat(rejected("verkada", "415", "unsupported_media_type")).isEqualTo(before + 1);
        assertThat(inboxCount()).isEqualTo(stored);
        assertThat(output.getAll()).doesNotContain(marker);
    }

    @Test
    void storesABodyThatStartsWithAUtf8BomSoThatEveryPathReadsItBack() {
        ObjectNode webhook = Fixtures.verkada("door_remote_unlock_accepted");
        ((ObjectNode) webhook.get("data")).put("door_id", "bom-door-" + UUID.randomUUID());
        String json = Fixtures.json(webhook);
        byte[] withBom = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                json.getBytes(StandardCharsets.UTF_8));

        // signed over the bytes as sent, BOM included
        HttpResponse<String> response = webhooks.post("/webhooks/verkada", withBom,
                SignedWebhooks.verkadaHeaders(withBom, SignedWebhooks.VERKADA_SECRET, Instant.now().getEpochSecond()));

        assertThat(response.statusCode()).isEqualTo(202);
        String id = read(response).get("eventId").asText();
        assertThat(awaitEvent(id)).containsEntry("type", "access.granted");
        HttpResponse<String> detail = webhooks.get("/api/events/" + id, SignedWebhooks.API_TOKEN);
        assertThat(detail.statusCode()).isEqualTo(200);
        assertThat(read(detail).get("raw")).isEqualTo(webhook);
        assertThat(rawBody(id)).as("stored without the BOM").isEqualTo(json);
        HttpResponse<String> replay = webhooks.post("/api/events/" + id + "/replay", "",
                Map.of("Authorization", "Bearer " + SignedWebhooks.API_TOKEN));
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(read(replay).get("status").asText()).isEqualTo("normalized");

        // as a crash leaves it: stored, acknowledged, never normalized; the recovery sweep reads it back
        jdbc.update("delete from access_event where id = ?", id);
        jdbc.update("update inbox set status = 'received', received_at = ? where id = ?",
                OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1), id);
        assertThat(awaitEvent(id)).containsEntry("type", "access.granted");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                "normalized".equals(jdbc.queryForObject("select status from inbox where id = ?", String.class, id)));
    }

    @Test
    void acceptsJsonNestedAsDeepAsTheApiServesAndRefusesDeeperWith400() {
        // the payload object is level 1, data level 2: aux_info adds the rest
        ObjectNode deepest = nestedVerkada(WebhookJson.MAX_DEPTH);
        int stored = inboxCount();

        HttpResponse<String> accepted = webhooks.verkada(Fixtures.json(deepest));
        HttpResponse<String> tooDeep = webhooks.verkada(Fixtures.json(nestedVerkada(WebhookJson.MAX_DEPTH + 1)));
        HttpResponse<String> farTooDeep = webhooks.verkada(Fixtures.json(nestedVerkada(999)));

        assertThat(accepted.statusCode()).isEqualTo(202);
        String id = read(accepted).get("eventId").asText();
        awaitEvent(id);
        HttpResponse<String> detail = webhooks.get("/api/events/" + id, SignedWebhooks.API_TOKEN);
        assertThat(detail.statusCode()).isEqualTo(200);
        assertThat(read(detail).get("raw")).isEqualTo(deepest);
        for (HttpResponse<String> refused : java.util.List.of(tooDeep, farTooDeep)) {
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(read(refused).get("error").asText()).isEqualTo("malformed_json");
        }
        assertThat(inboxCount()).isEqualTo(stored + 1);
    }

    @Test
    void refusesTrailingDataAndDuplicateKeysWith400AndStoresNothing() {
        String json = Fixtures.json(Fixtures.verkada("door_remote_unlock_accepted"));
        String trailing = json + "garbage";
        String secondObject = json + json;
        // which copy of a key counts differs from one JSON reader to the next
        String duplicate = json.replaceFirst("\\{", "{\"webhook_type\":\"notification\",");
        int stored = inboxCount();

        for (String body : java.util.List.of(trailing, secondObject, duplicate)) {
            HttpResponse<String> response = webhooks.verkada(body);

            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(read(response).get("error").asText()).isEqualTo("malformed_json");
        }
        assertThat(inboxCount()).isEqualTo(stored);
    }

    /** A Verkada notification whose deepest value is {@code depth} objects down, counting the payload itself. */
    private static ObjectNode nestedVerkada(int depth) {
        ObjectNode webhook = Fixtures.verkada("door_remote_unlock_accepted");
        ((ObjectNode) webhook.get("data")).put("door_id", "deep-door-" + UUID.randomUUID());
        ObjectNode level = ((ObjectNode) webhook.get("data")).putObject("aux_info");
        for (int i = 3; i < depth; i++) {
            level = level.putObject("a");
        }
        level.put("depth", depth);
        return webhook;
    }

    private double rejected(String vendor, String status, String reason) {
        Counter counter = registry.find("gatehouse.webhooks.rejected")
                .tags("vendor", vendor, "status", status, "reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    @Test
    void answersAnUnknownVendorWith404() {
        HttpResponse<String> response = webhooks.post("/webhooks/acme", "{}", Map.of("Content-Type", "application/json"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(read(response).get("error").asText()).isEqualTo("unknown_vendor");
    }

    @Test
    void answersAGetOnAWebhookEndpointWith405() {
        HttpResponse<String> response = webhooks.get("/webhooks/seam", null);

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(read(response).get("error").asText()).isEqualTo("method_not_allowed");
    }

    @Test
    void echoesNoRequestHeaderInTheReply() {
        String body = Fixtures.json(Fixtures.seam("lock.locked"));
        Map<String, String> headers = new java.util.HashMap<>(webhooks.seamHeaders(body, SignedWebhooks.SEAM_SECRET,
                Instant.now()));
        headers.put("X-Mail-To", "attacker@example.com");

        HttpResponse<String> response = webhooks.post("/webhooks/seam", body, headers);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.headers().map().keySet()).noneMatch(name ->
                name.equalsIgnoreCase("X-Mail-To") || name.toLowerCase().startsWith("svix"));
    }

    @Test
    void normalizesAnEventThatWasStoredButNeverNormalized() {
        // what a crash between the 202 and the normalization leaves behind
        String id = UUID.randomUUID().toString();
        String body = Fixtures.json(Fixtures.seam("lock.access_denied"));
        insertInboxRow(id, body, Instant.now().minusSeconds(60));

        Map<String, Object> row = awaitEvent(id);

        assertThat(row).containsEntry("type", "access.denied").containsEntry("outcome", "denied");
        // the inbox row is marked after the event row is written
        await().atMost(Duration.ofSeconds(10)).until(() ->
                "normalized".equals(jdbc.queryForObject("select status from inbox where id = ?", String.class, id)));
    }

    @Test
    void keepsAnEventWhoseNormalizationFailedWithTheError() {
        String id = UUID.randomUUID().toString();
        // stored JSON that is no vendor's object (only a database edit or a bug can store it): it cannot be read back
        insertInboxRow(id, "[\"not\", \"an object\"]", Instant.now().minusSeconds(60));

        await().atMost(Duration.ofSeconds(15)).until(() ->
                "failed".equals(jdbc.queryForObject("select status from inbox where id = ?", String.class, id)));

        assertThat(jdbc.queryForObject("select error from inbox where id = ?", String.class, id)).isNotBlank();
        assertThat(jdbc.queryForObject("select count(*) from access_event where id = ?", Integer.class, id))
                .isZero();
        JsonNode failed = read(webhooks.get("/api/events/failed", SignedWebhooks.API_TOKEN));
        assertThat(failed.get("events")).extracting(e -> e.get("id").asText()).contains(id);
    }

    @Test
    void purgesEventsOlderThanTheRetentionPeriodAndKeepsNewerOnes() {
        String old = UUID.randomUUID().toString();
        insertInboxRow(old, Fixtures.json(Fixtures.seam("lock.locked")), Instant.now().minus(Duration.ofDays(91)));
        awaitEvent(old);
        String recent = read(webhooks.seam(Fixtures.json(Fixtures.seam("lock.locked")))).get("eventId").asText();
        awaitEvent(recent);

        int deleted = retention.purge();

        assertThat(deleted).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from inbox where id = ?", Integer.class, old)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from access_event where id = ?", Integer.class, old)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from access_event where id = ?", Integer.class, recent))
                .isOne();
    }

    @Test
    void purgesSeveralBatchesOfOldEventsAndAlertsAndKeepsNewerOnes() {
        OffsetDateTime old = OffsetDateTime.now(ZoneOffset.UTC).minusDays(91);
        OffsetDateTime recent = OffsetDateTime.now(ZoneOffset.UTC).minusDays(89);
        String run = UUID.randomUUID().toString().substring(0, 8);
        int oldEvents = 2 * Retention.BATCH + 100;   // three batches, the last one short
        int oldAlerts = Retention.BATCH + 1;
        insertFailedInboxRows("old-" + run, oldEvents, old);
        insertFailedInboxRows("recent-" + run, 3, recent);
        insertAlertsWithDeliveries("old-" + run, oldAlerts, old);
        insertAlertsWithDeliveries("recent-" + run, 2, recent);

        int deleted = retention.purge();

        assertThat(deleted).isGreaterThanOrEqualTo(oldEvents);
        assertThat(countLike("inbox", "id", "old-" + run)).isZero();
        assertThat(countLike("inbox", "id", "recent-" + run)).isEqualTo(3);
        assertThat(countLike("alert", "id", "old-" + run)).isZero();
        assertThat(countLike("alert_delivery", "alert_id", "old-" + run)).isZero();
        assertThat(countLike("alert", "id", "recent-" + run)).isEqualTo(2);
        assertThat(countLike("alert_delivery", "alert_id", "recent-" + run)).isEqualTo(2);
    }

    private void insertFailedInboxRows(String prefix, int count, OffsetDateTime receivedAt) {
        jdbc.batchUpdate("insert into inbox (id, vendor, dedup_key, vendor_event_type, received_at, raw_body, status, "
                        + "error) values (?, 'seam', ?, 'lock.locked', ?, '{}', 'failed', 'test')",
                IntStream.range(0, count)
                        .mapToObj(i -> new Object[] {prefix + "-" + i, prefix + "-" + i, receivedAt}).toList());
    }

    private void insertAlertsWithDeliveries(String prefix, int count, OffsetDateTime createdAt) {
        jdbc.batchUpdate("insert into alert (id, rule_name, severity, group_key, trigger_event_id, event_ids, "
                        + "suppressed_count, created_at) values (?, 'test', 'high', 'g', ?, '[]', 0, ?)",
                IntStream.range(0, count)
                        .mapToObj(i -> new Object[] {prefix + "-" + i, prefix + "-" + i, createdAt}).toList());
        jdbc.batchUpdate("insert into alert_delivery (id, alert_id, channel, status, attempts, next_attempt_at, "
                        + "created_at) values (?, ?, 'slack:test', 'sent', 1, ?, ?)",
                IntStream.range(0, count).mapToObj(i -> new Object[] {
                        prefix + "-d" + i, prefix + "-" + i, createdAt, createdAt}).toList());
    }

    private int countLike(String table, String column, String prefix) {
        return jdbc.queryForObject("select count(*) from " + table + " where " + column + " like ?", Integer.class,
                prefix + "-%");
    }

    @Test
    void replaysAStoredEventThroughNormalizationAgain() {
        HttpResponse<String> response = webhooks.seam(Fixtures.json(Fixtures.seam("lock.access_denied")));
        String id = read(response).get("eventId").asText();
        awaitEvent(id);
        jdbc.update("update access_event set type = 'unknown' where id = ?", id);

        HttpResponse<String> replay = webhooks.post("/api/events/" + id + "/replay", "",
                Map.of("Authorization", "Bearer " + SignedWebhooks.API_TOKEN));

        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(read(replay).get("status").asText()).isEqualTo("normalized");
        assertThat(awaitEvent(id)).containsEntry("type", "access.denied");
        assertThat(webhooks.post("/api/events/" + UUID.randomUUID() + "/replay", "",
                Map.of("Authorization", "Bearer " + SignedWebhooks.API_TOKEN)).statusCode()).isEqualTo(404);
    }

    @Test
    void answersGeneratedHostileBodiesWithFourHundredsOrDuplicateNeverAFiveHundredOrAHalfEvent() {
        String valid = Fixtures.json(Fixtures.load("verkada/door_keycard_entered_rejected.json"));
        java.util.List<byte[]> bodies = HostileInput.bodies(valid, 300, 20261124L);
        java.util.Map<Integer, Integer> statuses = new java.util.TreeMap<>();

        for (byte[] body : bodies) {
            HttpResponse<String> response = webhooks.post("/webhooks/verkada", body,
                    SignedWebhooks.verkadaHeaders(body, SignedWebhooks.VERKADA_SECRET, Instant.now().getEpochSecond()));
            statuses.merge(response.statusCode(), 1, Integer::sum);
            String shown = new String(body, StandardCharsets.UTF_8);
            assertThat(response.statusCode()).as("status for body %s", shown.substring(0, Math.min(shown.length(), 120)))
                    .isIn(200, 202, 400, 413);
            if (response.statusCode() >= 400) {
                assertThat(read(response).get("error").asText()).isNotBlank();
            }
        }

        // every accepted body was stored whole and normalized or kept with its error; none is half-stored
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "select count(*) from inbox where status = 'received'", Integer.class) == 0);
        assertThat(jdbc.queryForObject("select count(*) from inbox i where status = 'normalized' and not exists "
                + "(select 1 from access_event e where e.id = i.id)", Integer.class)).isZero();
        assertThat(statuses).containsKey(400);
        // and the service still serves others
        assertThat(webhooks.verkada(Fixtures.json(Fixtures.verkada("door_remote_unlock_accepted"))).statusCode())
                .isEqualTo(202);
    }

    @Test
    void apiRefusesRequestsWithoutTheToken() {
        assertThat(webhooks.get("/api/events", null).statusCode()).isEqualTo(401);
        assertThat(webhooks.get("/api/events", "wrong").statusCode()).isEqualTo(401);
    }

    @Test
    void apiListsEventsNewestFirstWithFiltersAndShowsOneWithItsRawPayload() {
        ObjectNode older = Fixtures.verkada("door_remote_unlock_accepted").put("created_at", 1700000000);
        ((ObjectNode) older.get("data")).put("created", 1700000000);
        ObjectNode newer = Fixtures.verkada("door_remote_unlock_accepted");
        ((ObjectNode) newer.get("data")).put("created", 1700000100);
        String olderId = read(webhooks.verkada(Fixtures.json(older))).get("eventId").asText();
        String newerId = read(webhooks.verkada(Fixtures.json(newer))).get("eventId").asText();
        awaitEvent(olderId);
        awaitEvent(newerId);

        JsonNode page = read(webhooks.get("/api/events?vendor=verkada&type=access.*&door=Front%20Door"
                + "&since=2023-11-14T22:00:00Z&until=2023-11-14T23:00:00Z&limit=10", SignedWebhooks.API_TOKEN));
        JsonNode detail = read(webhooks.get("/api/events/" + newerId, SignedWebhooks.API_TOKEN));

        assertThat(page.get("events")).extracting(e -> e.get("id").asText()).containsExactly(newerId, olderId);
        assertThat(page.get("events").get(0).get("type").asText()).isEqualTo("access.granted");
        assertThat(page.get("events").get(0).get("occurredAt").asText()).isEqualTo("2023-11-14T22:15:00Z");
        assertThat(detail.get("door").get("name").asText()).isEqualTo("Front Door");
        assertThat(detail.get("raw")).isEqualTo(newer);
        assertThat(webhooks.get("/api/events/" + UUID.randomUUID(), SignedWebhooks.API_TOKEN).statusCode())
                .isEqualTo(404);
        assertThat(webhooks.get("/api/events?since=yesterday", SignedWebhooks.API_TOKEN).statusCode())
                .isEqualTo(400);
    }

    private static String signWith(String secret, String id, Instant at, String body) {
        try {
            return new com.svix.Webhook(secret).sign(id, at.getEpochSecond(), body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    Map<String, Object> awaitEvent(String id) {
        await().atMost(Duration.ofSeconds(15)).until(() ->
                jdbc.queryForObject("select count(*) from access_event where id = ?", Integer.class, id) == 1);
        return jdbc.queryForMap("select * from access_event where id = ?", id);
    }

    String rawBody(String id) {
        return jdbc.queryForObject("select raw_body from inbox where id = ?", String.class, id);
    }

    void insertInboxRow(String id, String body, Instant receivedAt) {
        jdbc.update("insert into inbox (id, vendor, dedup_key, vendor_event_id, vendor_event_type, received_at, "
                        + "raw_body, status) values (?, 'seam', ?, null, 'lock.access_denied', ?, ?, 'received')",
                id, "test:" + id, receivedAt.atOffset(ZoneOffset.UTC), body);
    }

    int inboxCount() {
        return jdbc.queryForObject("select count(*) from inbox", Integer.class);
    }

    static JsonNode read(HttpResponse<String> response) {
        return read(response.body());
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    static Instant instant(Object value) {
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof Timestamp ts) {
            return ts.toInstant();
        }
        throw new AssertionError("not a timestamp: " + value);
    }
}
