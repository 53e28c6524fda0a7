package io.gatehouse.verkada;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.gatehouse.config.TestVendorsProperties;
import io.gatehouse.event.AccessEvent;
import io.gatehouse.event.EventType;
import io.gatehouse.inbox.InboxEntry;
import io.gatehouse.ingress.WebhookRejection;
import io.gatehouse.support.VendorFixtures;
import io.gatehouse.support.VendorVerifier;
import io.gatehouse.support.VendorTestSupport;

class VerkadaVendorTest {

    static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    static final String SECRET = "verkada-secret";
    final VendorVerifier verifier = VendorVerifier.of("verkada", TestVendorsProperties.of(null, SECRET, null, true),
            Clock.fixed(NOW, ZoneOffset.UTC));

    static String signature(String secret, String body, long ts) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return ts + "|" + HexFormat.of().formatHex(mac.doFinal((body + "|" + ts).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void acceptsItsSignatureInUpperOrLowerCaseHex() throws Exception {
        String body = VendorTestSupport.fixture("verkada/door_remote_unlock_accepted.json");
        String header = signature(SECRET, body, NOW.getEpochSecond());

        assertThatCode(() -> verifier.verify(VendorTestSupport.exchange(body, Map.of("Verkada-Signature", header))))
                .doesNotThrowAnyException();
        assertThatCode(() -> verifier.verify(VendorTestSupport.exchange(body,
                Map.of("Verkada-Signature", header.toUpperCase())))).doesNotThrowAnyException();
    }

    @Test
    void rejectsAnotherSecretAStaleTimestampAndAMalformedHeader() throws Exception {
        String body = "{}";
        assertCode(body, signature("other", body, NOW.getEpochSecond()), "invalid_signature");
        assertCode(body, signature(SECRET, body, NOW.getEpochSecond() - 600), "stale_timestamp");
        assertCode(body, "no-separator", "missing_signature");
    }

    @ParameterizedTest
    @CsvSource({
            "door_keycard_entered_accepted, access.granted, card",
            "door_keycard_entered_rejected, access.denied, card",
            "door_code_entered_rejected, access.denied, keycode",
            "door_mobile_nfc_accepted, access.granted, nfc",
            "door_ble_rejected, access.denied, bluetooth",
            "door_remote_unlock_accepted, access.granted, remote"})
    void mapsEveryCredentialResult(String notification, String type, String method) {
        AccessEvent event = VendorFixtures.normalize(entry(notification));

        assertThat(event.type().code()).isEqualTo(type);
        assertThat(event.method().code()).isEqualTo(method);
    }

    @ParameterizedTest
    @CsvSource({
            "door_forced_open, door.forced_open", "door_held_open, door.held_open", "door_opened, door.opened",
            "door_tamper, device.tampered", "door_tailgating, door.tailgating"})
    void mapsDoorActivity(String notification, String type) {
        assertThat(VendorFixtures.normalize(entry(notification)).type().code()).isEqualTo(type);
    }

    @Test
    void neverCopiesTheEnteredValueIntoTheCanonicalEvent() {
        InboxEntry entry = entry("door_code_entered_rejected");

        AccessEvent event = VendorFixtures.normalize(entry);

        assertThat(event.toString()).doesNotContain("151|39924");
        assertThat(event.attributes().values()).noneMatch(v -> String.valueOf(v).contains("39924"));
    }

    @Test
    void takesTheDoorControllerAndUserFromTheirInfoObjects() {
        AccessEvent event = VendorFixtures.normalize(entry("door_remote_unlock_accepted"));

        assertThat(event.door().name()).isEqualTo("Front Door");
        assertThat(event.device().name()).isEqualTo("Lobby Door Controller");
        assertThat(event.actor().name()).isEqualTo("John Smith");
        assertThat(event.occurredAt()).isEqualTo(Instant.ofEpochSecond(1692235647));
        assertThat(event.site().id()).isEqualTo("a74fc6a6-4fc5-4e5c-88e5-57301683327a");
    }

    @Test
    void mapsLockdownsControllerConnectionAndAntiPassback() {
        String started = VendorTestSupport.fixture("verkada/door_remote_unlock_accepted.json").replace(
                "\"lockdown_info\":null", "\"lockdown_info\":{\"lockdown_id\":\"l1\",\"enabled\":\"true\"}");
        String ended = started.replace("\"enabled\":\"true\"", "\"enabled\":\"false\"");

        assertThat(VendorFixtures.normalize(entryOf(started, "door_lockdown")).type()).isEqualTo(EventType.LOCKDOWN_STARTED);
        assertThat(VendorFixtures.normalize(entryOf(ended, "door_lockdown")).type()).isEqualTo(EventType.LOCKDOWN_ENDED);
        assertThat(VendorFixtures.normalize(entry("door_acu_offline")).type())
                .isEqualTo(EventType.DEVICE_DISCONNECTED);
        assertThat(VendorFixtures.normalize(entry("door_apb_double_entry")).type())
                .isEqualTo(EventType.ACCESS_ANTI_PASSBACK);
    }

    private InboxEntry entry(String notification) {
        String json = VendorTestSupport.fixture("verkada/door_keycard_entered_rejected.json");
        if (notification.equals("door_remote_unlock_accepted")) {
            json = VendorTestSupport.fixture("verkada/door_remote_unlock_accepted.json");
        }
        return entryOf(json, notification);
    }

    private static InboxEntry entryOf(String json, String notification) {
        String typed = json.replaceFirst("\"notification_type\":\"[a-z_]+\"", "\"notification_type\":\"" + notification + "\"");
        return VendorFixtures.entry("verkada", typed);
    }

    private void assertCode(String body, String header, String code) {
        assertThatThrownBy(() -> verifier.verify(VendorTestSupport.exchange(body, Map.of("Verkada-Signature", header))))
                .isInstanceOfSatisfying(WebhookRejection.class, r -> assertThat(r.code()).isEqualTo(code));
    }
}
