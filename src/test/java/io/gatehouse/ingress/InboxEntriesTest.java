package io.gatehouse.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gatehouse.inbox.InboxEntry;
import io.gatehouse.support.VendorFixtures;

/** What the inbox stores for a verified payload, and which payloads it refuses. */
class InboxEntriesTest {

    private static final Instant RECEIVED_AT = Instant.parse("2025-06-01T12:00:00Z");

    private final InboxEntries entries = new InboxEntries(VendorFixtures.catalog());

    @Test
    void createsAnEntryWithTheRawBodyTheModelAndTheVendorsIds() {
        String body = VendorFixtures.text("verkada", "door_remote_unlock_accepted");
        Map<String, Object> webhook = VendorFixtures.parse(body);

        InboxEntry entry = create("verkada", webhook, body.getBytes(StandardCharsets.UTF_8), null);

        assertThat(entry.id()).isNotBlank();
        assertThat(entry.vendor()).isEqualTo("verkada");
        assertThat(entry.deduplicationKey()).isEqualTo("60a168de-df82-40bb-b31e-a7fd7c49d79d");
        assertThat(entry.vendorEventId()).isEqualTo("60a168de-df82-40bb-b31e-a7fd7c49d79d");
        assertThat(entry.vendorEventType()).isEqualTo("door_remote_unlock_accepted");
        assertThat(entry.receivedAt()).isEqualTo(RECEIVED_AT);
        assertThat(entry.rawBody()).isEqualTo(body);
        assertThat(entry.payload()).isSameAs(webhook);
    }

    @Test
    void keysABodyWithoutIdOrTimeByItsDigestWithinTheVendorsDedupWindowOnly() {
        String body = VendorFixtures.text("unifi", VendorFixtures.names("unifi").get(0));
        Instant windowStart = Instant.ofEpochSecond(1_767_268_800L);   // a multiple of unifi.yaml's 2 minutes

        String first = entryAt(body, windowStart).deduplicationKey();
        String resent = entryAt(body, windowStart.plusSeconds(90)).deduplicationKey();
        String later = entryAt(body, windowStart.plusSeconds(120)).deduplicationKey();

        assertThat(first).startsWith("body:");
        assertThat(resent).isEqualTo(first);
        assertThat(later).isNotEqualTo(first).startsWith(first.substring(0, first.indexOf('@')));
    }

    private InboxEntry entryAt(String body, Instant receivedAt) {
        return entries.create(VendorFixtures.parse(body), "unifi", body.getBytes(StandardCharsets.UTF_8), receivedAt,
                null);
    }

    @Test
    void givesEachEntryItsOwnId() {
        byte[] body = VendorFixtures.text("seam", "lock.locked").getBytes(StandardCharsets.UTF_8);
        Map<String, Object> event = seam(VendorFixtures.tree("seam", "lock.locked"));

        assertThat(create("seam", event, body, null).id()).isNotEqualTo(create("seam", event, body, null).id());
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    void refusesAPayloadWithoutEventType(String eventType) {
        ObjectNode payload = VendorFixtures.tree("seam", "lock.locked");
        payload.put("event_type", eventType);

        WebhookRejection rejection = rejection("seam", seam(payload), payload.toString().getBytes(), "svix:msg_1");

        assertThat(rejection.status()).isEqualTo(400);
        assertThat(rejection.code()).isEqualTo("missing_event_type");
    }

    @Test
    void refusesAnEmptyPayload() {
        WebhookRejection rejection = rejection("tedee", null, "null".getBytes(), null);

        assertThat(rejection.status()).isEqualTo(400);
        assertThat(rejection.code()).isEqualTo("missing_event_type");
    }

    @Test
    void refusesABodyThatIsNotValidUtf8() {
        Map<String, Object> event = seam(VendorFixtures.tree("seam", "lock.locked"));
        byte[] latin1 = "{\"event_type\":\"lock.locked\",\"note\":\"Zoë\"}".getBytes(StandardCharsets.ISO_8859_1);

        WebhookRejection rejection = rejection("seam", event, latin1, null);

        assertThat(rejection.status()).isEqualTo(400);
        assertThat(rejection.code()).isEqualTo("invalid_encoding");
    }

    @Test
    void keepsAValidNonAsciiUtf8BodyExactly() {
        String body = "{\"event_type\":\"lock.locked\",\"event_id\":\"e1\",\"note\":\"Zoë Ångström, 東京\"}";

        InboxEntry entry = create("seam", VendorFixtures.parse(body),
                body.getBytes(StandardCharsets.UTF_8), null);

        assertThat(entry.rawBody()).isEqualTo(body);
    }

    @Test
    void usesTheSeamEventIdAsDeduplicationKeyRatherThanTheDeliveryId() {
        ObjectNode payload = VendorFixtures.tree("seam", "lock.locked").put("event_id", "evt_123");

        InboxEntry entry = create("seam", seam(payload), payload.toString().getBytes(), "svix:msg_1");

        assertThat(entry.deduplicationKey()).isEqualTo("evt_123");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " "})
    void fallsBackToTheDeliveryIdWhenThePayloadHasNoKey(String eventId) {
        ObjectNode payload = VendorFixtures.tree("seam", "lock.locked");
        payload.put("event_id", eventId);

        InboxEntry entry = create("seam", seam(payload), payload.toString().getBytes(), "svix:msg_2nVrXf");

        assertThat(entry.deduplicationKey()).isEqualTo("svix:msg_2nVrXf");
        assertThat(entry.vendorEventId()).isNull();   // a blank id is no id
    }

    @Test
    void keysAPayloadWithNeitherKeyNorDeliveryIdByTheDigestOfItsExactBody() {
        ObjectNode payload = VendorFixtures.tree("seam", "lock.locked");
        payload.remove("event_id");
        byte[] body = payload.toString().getBytes();

        InboxEntry entry = create("seam", seam(payload), body, null);
        InboxEntry again = create("seam", seam(payload), body, null);
        InboxEntry other = create("seam", seam(payload), (payload.toString() + " ").getBytes(), null);

        assertThat(entry.deduplicationKey()).startsWith("body:").isEqualTo(again.deduplicationKey())
                .isNotEqualTo(other.deduplicationKey());
    }

    @Test
    void usesTheVerkadaEventIdWhenPresentElseTheWebhookId() {
        ObjectNode payload = VendorFixtures.tree("verkada", "door_forced_open");
        ((ObjectNode) payload.get("data")).put("event_id", "ev-42");

        InboxEntry withEventId = create("verkada", verkada(payload), payload.toString().getBytes(), null);
        InboxEntry withoutEventId = create("verkada", verkada(VendorFixtures.tree("verkada", "door_forced_open")),
                VendorFixtures.text("verkada", "door_forced_open").getBytes(), null);

        assertThat(withEventId.deduplicationKey()).isEqualTo("ev-42");
        assertThat(withoutEventId.deduplicationKey()).isEqualTo("11111111-0000-4000-8000-000000000001");
    }

    @Test
    void usesTheVerkadaWebhookIdWhenTheEventIdIsBlank() {
        ObjectNode payload = VendorFixtures.tree("verkada", "door_forced_open");
        ((ObjectNode) payload.get("data")).put("event_id", "");

        InboxEntry entry = create("verkada", verkada(payload), payload.toString().getBytes(), null);

        assertThat(entry.deduplicationKey()).isEqualTo("11111111-0000-4000-8000-000000000001");
    }

    @Test
    void keepsAKeyOf200CharactersAsItIs() {
        String eventId = "e".repeat(200);
        ObjectNode payload = VendorFixtures.tree("seam", "lock.locked").put("event_id", eventId);

        InboxEntry entry = create("seam", seam(payload), payload.toString().getBytes(), null);

        assertThat(entry.deduplicationKey()).isEqualTo(eventId);
    }

    @Test
    void storesAKeyLongerThan200CharactersAsItsSha256() throws Exception {
        String eventId = "evt_" + "x".repeat(250) + "ë";
        ObjectNode payload = VendorFixtures.tree("seam", "lock.locked").put("event_id", eventId);
        String expected = "sha256:" + HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(eventId.getBytes(StandardCharsets.UTF_8)));

        InboxEntry entry = create("seam", seam(payload), payload.toString().getBytes(StandardCharsets.UTF_8), null);

        assertThat(entry.deduplicationKey()).isEqualTo(expected).hasSize("sha256:".length() + 64);
        assertThat(entry.vendorEventId()).hasSize(200);
    }

    @Test
    void truncatesAnEventTypeLongerThan200Characters() {
        ObjectNode payload = VendorFixtures.tree("seam", "lock.locked").put("event_type", "t".repeat(300));

        InboxEntry entry = create("seam", seam(payload), payload.toString().getBytes(), null);

        assertThat(entry.vendorEventType()).isEqualTo("t".repeat(200));
    }

    @Test
    void storesAKeyHoldingNulAsItsSha256AndDropsNulFromTheEventIdAndType() throws Exception {
        String eventId = "evt_\u0000_1";
        ObjectNode payload = VendorFixtures.tree("seam", "lock.locked").put("event_id", eventId)
                .put("event_type", "lock.\u0000locked");
        String expected = "sha256:" + HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(eventId.getBytes(StandardCharsets.UTF_8)));

        InboxEntry entry = create("seam", seam(payload), payload.toString().getBytes(StandardCharsets.UTF_8), null);

        assertThat(entry.deduplicationKey()).isEqualTo(expected);
        assertThat(entry.vendorEventId()).isEqualTo("evt__1");
        assertThat(entry.vendorEventType()).isEqualTo("lock.locked");
    }

    @Test
    void givesTedeeCopiesForDifferentUsersTheSameKey() {
        ObjectNode first = VendorFixtures.tree("tedee", "lock-status-changed");
        ObjectNode second = first.deepCopy()
                .put("userIdentity", "3e1d2c3b-0000-4000-8000-00000000beef")
                .put("timestamp", "2022-11-09T14:15:31.901Z");

        InboxEntry firstEntry = create("tedee", tedee(first), first.toString().getBytes(), null);
        InboxEntry secondEntry = create("tedee", tedee(second), second.toString().getBytes(), null);

        assertThat(secondEntry.deduplicationKey()).isEqualTo(firstEntry.deduplicationKey());
        assertThat(firstEntry.deduplicationKey()).doesNotContain("<user-identity>");
    }

    @Test
    void givesTedeeEventsWithAnotherStateAnotherKey() {
        ObjectNode locked = VendorFixtures.tree("tedee", "lock-status-changed");
        ObjectNode unlocked = locked.deepCopy();
        ((ObjectNode) unlocked.get("data")).put("state", 2);

        assertThat(tedeeKey(unlocked)).isNotEqualTo(tedeeKey(locked));
    }

    @Test
    void givesTedeeEventsOfAnotherDeviceOrTimeAnotherKey() {
        ObjectNode original = VendorFixtures.tree("tedee", "lock-status-changed");
        ObjectNode otherDevice = original.deepCopy();
        ((ObjectNode) otherDevice.get("data")).put("deviceId", 54321);
        ObjectNode otherTime = original.deepCopy();
        ((ObjectNode) otherTime.get("data")).put("eventTime", "2022-11-09T14:16:28.327Z");

        assertThat(tedeeKey(otherDevice)).isNotEqualTo(tedeeKey(original));
        assertThat(tedeeKey(otherTime)).isNotEqualTo(tedeeKey(original));
    }

    @Test
    void acceptsATedeeEventWithoutDeviceOrEventTime() {
        String body = "{\"event\":\"user-added-to-organization\",\"timestamp\":\"2024-02-12T08:30:01.512Z\","
                + "\"userIdentity\":\"0f1e2d3c\",\"data\":{\"organizationId\":4711}}";

        InboxEntry entry = create("tedee", VendorFixtures.parse(body),
                body.getBytes(StandardCharsets.UTF_8), null);

        assertThat(entry.deduplicationKey()).isNotBlank();
    }

    private InboxEntry create(String vendor, Map<String, Object> event, byte[] body, String deliveryId) {
        return entries.create(event, vendor, body, RECEIVED_AT, deliveryId);
    }

    private WebhookRejection rejection(String vendor, Map<String, Object> event, byte[] body, String deliveryId) {
        WebhookRejection rejection = catchThrowableOfType(WebhookRejection.class,
                () -> create(vendor, event, body, deliveryId));
        assertThat(rejection).as("a WebhookRejection").isNotNull();
        return rejection;
    }

    private static Map<String, Object> seam(ObjectNode payload) {
        return VendorFixtures.parse(payload.toString());
    }

    private static Map<String, Object> verkada(ObjectNode payload) {
        return VendorFixtures.parse(payload.toString());
    }

    private String tedeeKey(ObjectNode payload) {
        return create("tedee", tedee(payload), payload.toString().getBytes(StandardCharsets.UTF_8), null)
                .deduplicationKey();
    }

    private static Map<String, Object> tedee(ObjectNode payload) {
        return VendorFixtures.parse(payload.toString());
    }
}
