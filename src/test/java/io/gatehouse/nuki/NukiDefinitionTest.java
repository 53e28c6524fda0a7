package io.gatehouse.nuki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gatehouse.definitions.VendorsProperties;
import io.gatehouse.definitions.VendorsProperties.VendorSettings;
import io.gatehouse.event.AccessEvent;
import io.gatehouse.event.AccessMethod;
import io.gatehouse.event.EventType;
import io.gatehouse.event.Outcome;
import io.gatehouse.event.Ref;
import io.gatehouse.event.Severity;
import io.gatehouse.inbox.InboxEntry;
import io.gatehouse.ingress.TestExchanges;
import io.gatehouse.ingress.WebhookRejection;
import io.gatehouse.normalize.NormalizationLanes;
import io.gatehouse.support.VendorFixtures;
import io.gatehouse.support.VendorVerifier;

/** Every Nuki fixture through vendor-definitions/nuki.yaml, and its X-Nuki-Signature-SHA256, computed here. */
class NukiDefinitionTest {

    static final String SECRET = "nuki-decentral-webhook-secret";
    static final String KEYPAD_CODE = "123456";

    final NormalizationLanes lanes = new NormalizationLanes(VendorFixtures.catalog());
    final VendorVerifier verifier = verifier(List.of(SECRET));

    /** Each fixture with the vendor type, canonical type, outcome, method, severity and lane it must get. */
    static Stream<Arguments> fixtures() {
        return Stream.of(
                fixture("account-user", "ACCOUNT_USER", EventType.UNKNOWN, Outcome.UNKNOWN, AccessMethod.UNKNOWN,
                        Severity.INFO, true),
                fixture("device-auths", "DEVICE_AUTHS", EventType.UNKNOWN, Outcome.UNKNOWN, AccessMethod.UNKNOWN,
                        Severity.INFO, true),
                fixture("device-config", "DEVICE_CONFIG", EventType.UNKNOWN, Outcome.UNKNOWN, AccessMethod.UNKNOWN,
                        Severity.INFO, true),
                fixture("device-masterdata", "DEVICE_MASTERDATA", EventType.UNKNOWN, Outcome.UNKNOWN,
                        AccessMethod.UNKNOWN, Severity.INFO, true),
                fixture("device-status", "DEVICE_STATUS", EventType.LOCK_LOCKED, Outcome.SUCCESS,
                        AccessMethod.UNKNOWN, Severity.INFO, true),
                fixture("device-status-unlocked", "DEVICE_STATUS", EventType.LOCK_UNLOCKED, Outcome.SUCCESS,
                        AccessMethod.UNKNOWN, Severity.INFO, true),
                fixture("device-status-unlocking", "DEVICE_STATUS", EventType.LOCK_STATE_CHANGED, Outcome.UNKNOWN,
                        AccessMethod.UNKNOWN, Severity.INFO, true),
                fixture("device-status-door-opened", "DEVICE_STATUS", EventType.DOOR_OPENED, Outcome.UNKNOWN,
                        AccessMethod.UNKNOWN, Severity.INFO, true),
                fixture("device-status-motor-blocked", "DEVICE_STATUS", EventType.LOCK_JAMMED, Outcome.FAILURE,
                        AccessMethod.UNKNOWN, Severity.WARNING, false),
                fixture("device-status-keypad-battery-critical", "DEVICE_STATUS", EventType.DEVICE_BATTERY_LOW,
                        Outcome.UNKNOWN, AccessMethod.UNKNOWN, Severity.WARNING, false),
                fixture("device-status-offline", "DEVICE_STATUS", EventType.DEVICE_DISCONNECTED, Outcome.UNKNOWN,
                        AccessMethod.UNKNOWN, Severity.WARNING, false),
                fixture("device-logs-keypad-unlock", "DEVICE_LOGS.1", EventType.ACCESS_GRANTED, Outcome.SUCCESS,
                        AccessMethod.KEYCODE, Severity.INFO, true),
                fixture("device-logs-app-unlatch", "DEVICE_LOGS.3", EventType.ACCESS_GRANTED, Outcome.SUCCESS,
                        AccessMethod.MOBILE, Severity.INFO, true),
                fixture("device-logs-manual-unlock", "DEVICE_LOGS.1", EventType.LOCK_UNLOCKED, Outcome.SUCCESS,
                        AccessMethod.MANUAL, Severity.INFO, true),
                fixture("device-logs-auto-lock", "DEVICE_LOGS.2", EventType.LOCK_LOCKED, Outcome.SUCCESS,
                        AccessMethod.AUTOMATIC, Severity.INFO, true),
                fixture("device-logs-lock-n-go", "DEVICE_LOGS.4", EventType.LOCK_LOCKED, Outcome.SUCCESS,
                        AccessMethod.BUTTON, Severity.INFO, true),
                fixture("device-logs-continuous-mode-on", "DEVICE_LOGS.6", EventType.LOCK_STATE_CHANGED,
                        Outcome.UNKNOWN, AccessMethod.MOBILE, Severity.INFO, true),
                fixture("device-logs-motor-blocked", "DEVICE_LOGS.2", EventType.LOCK_JAMMED, Outcome.FAILURE,
                        AccessMethod.MOBILE, Severity.WARNING, false),
                fixture("device-logs-invalid-code", "DEVICE_LOGS.1", EventType.ACCESS_DENIED, Outcome.DENIED,
                        AccessMethod.KEYCODE, Severity.WARNING, false),
                fixture("device-logs-tap-to-unlock-revoked", "DEVICE_LOGS.1", EventType.ACCESS_DENIED,
                        Outcome.DENIED, AccessMethod.NFC, Severity.WARNING, false),
                fixture("device-logs-canceled", "DEVICE_LOGS.1", EventType.COMMAND_FAILED, Outcome.FAILURE,
                        AccessMethod.MOBILE, Severity.WARNING, false),
                fixture("device-logs-reset", "DEVICE_LOGS.11", EventType.UNKNOWN, Outcome.UNKNOWN,
                        AccessMethod.AUTOMATIC, Severity.INFO, false),
                fixture("device-logs-door-ajar", "DEVICE_LOGS.208", EventType.DOOR_HELD_OPEN, Outcome.UNKNOWN,
                        AccessMethod.AUTOMATIC, Severity.WARNING, false),
                fixture("device-logs-door-status-mismatch", "DEVICE_LOGS.209", EventType.DOOR_FORCED_OPEN,
                        Outcome.UNKNOWN, AccessMethod.AUTOMATIC, Severity.CRITICAL, false),
                fixture("device-logs-doorbell", "DEVICE_LOGS.224", EventType.DOORBELL_PRESSED, Outcome.UNKNOWN,
                        AccessMethod.AUTOMATIC, Severity.INFO, false),
                fixture("device-logs-door-opened", "DEVICE_LOGS.240", EventType.DOOR_OPENED, Outcome.UNKNOWN,
                        AccessMethod.AUTOMATIC, Severity.INFO, true),
                fixture("device-logs-door-closed", "DEVICE_LOGS.241", EventType.DOOR_CLOSED, Outcome.UNKNOWN,
                        AccessMethod.AUTOMATIC, Severity.INFO, true),
                fixture("device-logs-door-sensor-jammed", "DEVICE_LOGS.242", EventType.DEVICE_FAULT, Outcome.UNKNOWN,
                        AccessMethod.AUTOMATIC, Severity.WARNING, false),
                fixture("device-logs-firmware-update", "DEVICE_LOGS.243", EventType.UNKNOWN, Outcome.UNKNOWN,
                        AccessMethod.AUTOMATIC, Severity.INFO, true),
                fixture("device-logs-calibration", "DEVICE_LOGS.253", EventType.UNKNOWN, Outcome.UNKNOWN,
                        AccessMethod.AUTOMATIC, Severity.INFO, true),
                fixture("device-logs-log-disabled", "DEVICE_LOGS.255", EventType.UNKNOWN, Outcome.UNKNOWN,
                        AccessMethod.MOBILE, Severity.WARNING, false),
                // an action Nuki adds later: stored as unknown, in the alert lane (it may matter)
                fixture("device-logs-unmapped-action", "DEVICE_LOGS.99", EventType.UNKNOWN, Outcome.UNKNOWN,
                        AccessMethod.UNKNOWN, Severity.INFO, false));
    }

    private static Arguments fixture(String name, String vendorType, EventType type, Outcome outcome,
                                     AccessMethod method, Severity severity, boolean routine) {
        return Arguments.of(name, vendorType, type, outcome, method, severity, routine);
    }

    @Test
    void everyNukiFixtureHasAnExpectedNormalization() {
        assertThat(fixtures().map(arguments -> (String) arguments.get()[0]))
                .containsExactlyInAnyOrderElementsOf(VendorFixtures.names("nuki"));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("fixtures")
    void normalizesEveryNukiFixture(String fixture, String vendorType, EventType type, Outcome outcome,
                                    AccessMethod method, Severity severity, boolean routine) {
        InboxEntry entry = VendorFixtures.fixture("nuki", fixture);

        AccessEvent event = VendorFixtures.normalize(entry);

        assertThat(entry.vendorEventType()).isEqualTo(vendorType);
        assertThat(event.type()).isEqualTo(type);
        assertThat(event.outcome()).isEqualTo(outcome);
        assertThat(event.method()).isEqualTo(method);
        assertThat(event.severity()).isEqualTo(severity);
        assertThat(lanes.isRoutine(entry)).as("routine lane").isEqualTo(routine);
        if (!fixture.equals("account-user")) {
            assertThat(event.device().id()).isEqualTo("100000001");
        }
        assertThat(event.toString()).doesNotContain(KEYPAD_CODE);
    }

    @Test
    void deDuplicatesALogEntryOnItsIdAndEveryOtherFeatureOnTheBodysDigest() {
        String status = VendorFixtures.text("nuki", "device-status");
        String unlocked = VendorFixtures.text("nuki", "device-status-unlocked");

        InboxEntry log = VendorFixtures.fixture("nuki", "device-logs-keypad-unlock");

        assertThat(log.deduplicationKey()).isEqualTo("000000000000000000000001");
        assertThat(log.vendorEventId()).isEqualTo("000000000000000000000001");
        // within nuki.yaml's 10-minute dedup-window (VendorFixtures receives every entry at one instant)
        assertThat(VendorFixtures.entry("nuki", status).deduplicationKey()).startsWith("body:" + sha256(status) + "@")
                .isEqualTo(VendorFixtures.entry("nuki", status).deduplicationKey());
        assertThat(VendorFixtures.entry("nuki", unlocked).deduplicationKey()).startsWith("body:" + sha256(unlocked));
        assertThat(VendorFixtures.fixture("nuki", "device-auths").deduplicationKey()).startsWith("body:");
        assertThat(VendorFixtures.fixture("nuki", "device-auths").vendorEventId()).isNull();
    }

    @Test
    void takesTheActorAndDeviceOfALogEntry() {
        AccessEvent event = VendorFixtures.normalize(VendorFixtures.fixture("nuki", "device-logs-keypad-unlock"));

        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2022-12-20T00:00:21Z"));
        assertThat(event.device()).isEqualTo(new Ref("100000001", null, "smart_lock", null));
        assertThat(event.actor()).isEqualTo(new Ref("000000000000000000000002", "Jane Example", null, null));
        assertThat(event.attributes()).containsOnly(entry("action", "unlock"), entry("action_code", 1),
                entry("trigger", "keypad"), entry("trigger_code", 255), entry("source", "keypad_code"),
                entry("auto_unlock", false), entry("completion_state", "success"),
                entry("completion_state_code", 0), entry("account_user_id", 700000001));
    }

    @Test
    void keepsEveryPartOfAStatusSnapshotAndDatesItByItsReceipt() {
        AccessEvent event = VendorFixtures.normalize(
                VendorFixtures.fixture("nuki", "device-status-keypad-battery-critical"));

        assertThat(event.occurredAt()).isEqualTo(VendorFixtures.RECEIVED_AT);
        assertThat(event.attributes()).doesNotContainKey("occurred_at_as_sent")
                .containsEntry("lock_state", "locked").containsEntry("door_state", "closed")
                .containsEntry("low_battery", "keypad").containsEntry("battery_charge", 90)
                .containsEntry("server_state", "ok").containsEntry("mode_code", 2);
    }

    @Test
    void takesTheLockStateOnlyWhenNoAlarmOrDoorStateDecides() {
        ObjectNode status = VendorFixtures.tree("nuki", "device-status");
        ((ObjectNode) status.get("state")).put("doorState", 2);

        assertThat(VendorFixtures.normalize(VendorFixtures.entry("nuki", status)).type())
                .isEqualTo(EventType.DOOR_CLOSED);
        status.put("serverState", 4);
        assertThat(VendorFixtures.normalize(VendorFixtures.entry("nuki", status)).type())
                .isEqualTo(EventType.DEVICE_DISCONNECTED);
    }

    @Test
    void neverCopiesAKeypadCode() {
        AccessEvent event = VendorFixtures.normalize(VendorFixtures.fixture("nuki", "device-auths"));

        assertThat(event.attributes()).containsOnly(entry("auth_id", "000000000000000000000003"),
                entry("auth_type", "keypad_code"), entry("auth_name", "example"), entry("deleted", false));
        assertThat(event.toString()).doesNotContain(KEYPAD_CODE);
    }

    @Test
    void namesTheDeviceAndAccountFromMasterData() {
        AccessEvent event = VendorFixtures.normalize(VendorFixtures.fixture("nuki", "device-masterdata"));

        assertThat(event.device()).isEqualTo(new Ref("100000001", "Front Door", "smart_lock", null));
        assertThat(event.site()).isEqualTo(new Ref("900000001", null, null, null));
        // updateDate, after the fixtures' receipt time: kept, but not taken as the time (docs/vendors.md#times)
        assertThat(event.attributes()).containsEntry("occurred_at_as_sent", "2025-09-13T11:27:37.772Z");
    }

    @Test
    void namesTheTapToUnlockErrorOfACompletionState() {
        assertThat(VendorFixtures.normalize(VendorFixtures.fixture("nuki", "device-logs-tap-to-unlock-revoked"))
                .attributes()).containsEntry("completion_state", "document_revoked");
        assertThat(VendorFixtures.normalize(VendorFixtures.fixture("nuki", "device-logs-door-ajar"))
                .attributes()).containsEntry("ajar_timeout_minutes", 5);
    }

    @Test
    void acceptsItsSignatureInLowerOrUpperCaseHex() {
        String body = VendorFixtures.text("nuki", "device-status");
        String signature = hmacSha256Hex(SECRET, body);

        assertThatCode(() -> verifier.verify(request(body, signature))).doesNotThrowAnyException();
        assertThatCode(() -> verifier.verify(request(body, signature.toUpperCase(Locale.ROOT))))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesAnotherKeyAnAlteredBodyAPrefixAndAMissingHeader() {
        String body = VendorFixtures.text("nuki", "device-status");
        String altered = body.replace("\"state\": 1", "\"state\": 3");

        assertRefused(request(body, hmacSha256Hex("another-secret", body)), "invalid_signature");
        assertRefused(request(altered, hmacSha256Hex(SECRET, body)), "invalid_signature");
        assertRefused(request(body, "sha256=" + hmacSha256Hex(SECRET, body)), "invalid_signature");
        assertRefused(request(body, null), "missing_signature");
    }

    @Test
    void refusesEveryWebhookWhenNoSecretIsConfigured() {
        String body = VendorFixtures.text("nuki", "device-status");

        WebhookRejection rejection = catchThrowableOfType(WebhookRejection.class,
                () -> verifier(List.of()).verify(request(body, hmacSha256Hex(SECRET, body))));

        assertThat(rejection.status()).isEqualTo(401);
        assertThat(rejection.code()).isEqualTo("vendor_not_configured");
    }

    private static VendorVerifier verifier(List<String> secrets) {
        return VendorVerifier.of("nuki", new VendorsProperties(Map.of("nuki",
                new VendorSettings(secrets, true, null)), null), Clock.fixed(Instant.now(), ZoneOffset.UTC));
    }

    static String hmacSha256Hex(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Exchange request(String body, String signature) {
        Exchange exchange = TestExchanges.webhook(body.getBytes(StandardCharsets.UTF_8));
        if (signature != null) {
            exchange.getIn().setHeader("X-Nuki-Signature-SHA256", signature);
        }
        return exchange;
    }

    private void assertRefused(Exchange exchange, String code) {
        WebhookRejection rejection = catchThrowableOfType(WebhookRejection.class, () -> verifier.verify(exchange));

        assertThat(rejection).as("a WebhookRejection").isNotNull();
        assertThat(rejection.status()).isEqualTo(401);
        assertThat(rejection.code()).isEqualTo(code);
    }
}
