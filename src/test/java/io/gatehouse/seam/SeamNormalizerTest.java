package io.gatehouse.seam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.time.Instant;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gatehouse.event.AccessEvent;
import io.gatehouse.event.AccessMethod;
import io.gatehouse.event.EventType;
import io.gatehouse.event.Outcome;
import io.gatehouse.event.Ref;
import io.gatehouse.event.Severity;
import io.gatehouse.inbox.InboxEntry;
import io.gatehouse.support.VendorFixtures;

/** Every Seam fixture through vendor-definitions/seam.yaml, as routes/normalize/normalize.camel.yaml applies it. */
class SeamNormalizerTest {

    private static final String ZERO = "00000000-0000-0000-0000-000000000000";
    private static final String DEVICE = "1d2e3f40-5a6b-4c7d-8e9f-a0b1c2d3e4f5";
    private static final String WORKSPACE = "b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e";
    private static final Instant NEW_YEAR = Instant.parse("2025-01-01T00:00:00Z");

    /** Each fixture in src/test/resources/seam with the type, outcome and method it must normalize to. */
    static Stream<Arguments> fixtures() {
        return Stream.of(
                Arguments.of("access_code.created", EventType.UNKNOWN, Outcome.UNKNOWN, AccessMethod.UNKNOWN),
                Arguments.of("acs_system.added", EventType.SYSTEM_ADDED, Outcome.UNKNOWN, AccessMethod.UNKNOWN),
                Arguments.of("acs_system.connected", EventType.SYSTEM_CONNECTED, Outcome.UNKNOWN,
                        AccessMethod.UNKNOWN),
                Arguments.of("acs_system.disconnected", EventType.SYSTEM_DISCONNECTED, Outcome.UNKNOWN,
                        AccessMethod.UNKNOWN),
                Arguments.of("action_attempt.lock_door.failed", EventType.COMMAND_FAILED, Outcome.FAILURE,
                        AccessMethod.REMOTE),
                Arguments.of("action_attempt.lock_door.succeeded", EventType.COMMAND_SUCCEEDED, Outcome.SUCCESS,
                        AccessMethod.REMOTE),
                Arguments.of("action_attempt.simulate_keypad_code_entry.failed", EventType.COMMAND_FAILED,
                        Outcome.FAILURE, AccessMethod.REMOTE),
                Arguments.of("action_attempt.simulate_keypad_code_entry.succeeded", EventType.COMMAND_SUCCEEDED,
                        Outcome.SUCCESS, AccessMethod.REMOTE),
                Arguments.of("action_attempt.simulate_manual_lock_via_keypad.failed", EventType.COMMAND_FAILED,
                        Outcome.FAILURE, AccessMethod.REMOTE),
                Arguments.of("action_attempt.simulate_manual_lock_via_keypad.succeeded",
                        EventType.COMMAND_SUCCEEDED, Outcome.SUCCESS, AccessMethod.REMOTE),
                Arguments.of("action_attempt.unlock_door.failed", EventType.COMMAND_FAILED, Outcome.FAILURE,
                        AccessMethod.REMOTE),
                Arguments.of("action_attempt.unlock_door.succeeded", EventType.COMMAND_SUCCEEDED, Outcome.SUCCESS,
                        AccessMethod.REMOTE),
                Arguments.of("device.connected", EventType.DEVICE_CONNECTED, Outcome.UNKNOWN, AccessMethod.UNKNOWN),
                Arguments.of("device.disconnected", EventType.DEVICE_DISCONNECTED, Outcome.UNKNOWN,
                        AccessMethod.UNKNOWN),
                Arguments.of("device.low_battery", EventType.DEVICE_BATTERY_LOW, Outcome.UNKNOWN,
                        AccessMethod.UNKNOWN),
                Arguments.of("device.tampered", EventType.DEVICE_TAMPERED, Outcome.UNKNOWN, AccessMethod.UNKNOWN),
                Arguments.of("lock.access_denied", EventType.ACCESS_DENIED, Outcome.DENIED, AccessMethod.UNKNOWN),
                Arguments.of("lock.access_denied.expired_code", EventType.ACCESS_DENIED, Outcome.DENIED,
                        AccessMethod.UNKNOWN),
                Arguments.of("lock.locked", EventType.LOCK_LOCKED, Outcome.SUCCESS, AccessMethod.KEYCODE),
                Arguments.of("lock.unlocked", EventType.LOCK_UNLOCKED, Outcome.SUCCESS, AccessMethod.KEYCODE));
    }

    @Test
    void everySeamFixtureHasAnExpectedNormalization() {
        assertThat(fixtures().map(arguments -> (String) arguments.get()[0]))
                .containsExactlyInAnyOrderElementsOf(VendorFixtures.names("seam"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("fixtures")
    void normalizesEverySeamFixture(String fixture, EventType type, Outcome outcome, AccessMethod method) {
        InboxEntry entry = VendorFixtures.fixture("seam", fixture);

        AccessEvent event = normalizeAsRouted(entry);

        assertThat(event.type()).isEqualTo(type);
        assertThat(event.outcome()).isEqualTo(outcome);
        assertThat(event.method()).isEqualTo(method);
        assertThat(event.severity()).isEqualTo(type.defaultSeverity());
        assertThat(event.id()).isEqualTo(entry.id());
        assertThat(event.vendor()).isEqualTo("seam");
        assertThat(event.vendorEventType()).isEqualTo(entry.vendorEventType());
        assertThat(event.vendorEventId()).isEqualTo(VendorFixtures.payload(entry).path("event_id").asText());
        assertThat(event.receivedAt()).isEqualTo(VendorFixtures.RECEIVED_AT);
        assertThat(event.occurredAt()).isEqualTo(Instant.parse(VendorFixtures.payload(entry).path("occurred_at").asText()));
        assertThat(event.site()).isNotNull();
        assertThat(event.site().id()).isEqualTo(VendorFixtures.payload(entry).path("workspace_id").asText());
        assertThat(event.attributes()).containsEntry("connected_account_id",
                VendorFixtures.payload(entry).path("connected_account_id").asText());
    }

    @Test
    void normalizesLockUnlockedWithDoorActorAndAccessCode() {
        AccessEvent event = normalize("lock.unlocked");

        assertThat(event.type()).isEqualTo(EventType.LOCK_UNLOCKED);
        assertThat(event.occurredAt()).isEqualTo(NEW_YEAR);
        assertThat(event.device()).isEqualTo(new Ref(ZERO, null, "lock", null));
        assertThat(event.door()).isEqualTo(new Ref(ZERO, null, null, null));
        assertThat(event.site()).isEqualTo(new Ref(ZERO, null, null, null));
        assertThat(event.actor()).isEqualTo(new Ref(ZERO, null, null, null));
        assertThat(event.attributes()).containsOnly(
                entry("connected_account_id", ZERO),
                entry("access_code_id", ZERO),
                entry("action_attempt_id", ZERO),
                entry("acs_system_id", ZERO));
    }

    @Test
    void keepsKeycodeAsTheMethodEvenWhenSeamSaysItCameViaBluetoothAndNfc() {
        AccessEvent event = normalize("lock.locked");

        assertThat(event.method()).isEqualTo(AccessMethod.KEYCODE);
        assertThat(event.actor()).isNull();
        assertThat(event.door()).isNull();
    }

    @ParameterizedTest(name = "method={0} bluetooth={1} nfc={2} -> {3}")
    @CsvSource({
            "keycode,   true,  false, KEYCODE",
            "keycode,   true,  true,  KEYCODE",
            "card,      false, false, CARD",
            "card,      true,  true,  CARD",
            "manual,    true,  false, MANUAL",
            "automatic, false, true,  AUTOMATIC",
            "remote,    false, false, REMOTE",
            "remote,    false, true,  NFC",
            "remote,    true,  false, BLUETOOTH",
            "unknown,   true,  false, BLUETOOTH",
            "unknown,   false, true,  NFC",
            "unknown,   false, false, UNKNOWN",
            "face_id,   true,  false, BLUETOOTH",
    })
    void mapsSeamLockMethodAndTransportFlags(String method, boolean bluetooth, boolean nfc, AccessMethod expected) {
        ObjectNode payload = VendorFixtures.tree("seam", "lock.unlocked")
                .put("method", method)
                .put("is_via_bluetooth", bluetooth)
                .put("is_via_nfc", nfc);

        AccessEvent event = normalizeAsRouted(VendorFixtures.entry("seam", payload));

        assertThat(event.method()).isEqualTo(expected);
    }

    @Test
    void treatsALockEventWithoutMethodOrFlagsAsUnknownMethod() {
        ObjectNode payload = VendorFixtures.tree("seam", "lock.locked");
        payload.remove("method");
        payload.remove("is_via_bluetooth");
        payload.remove("is_via_nfc");

        AccessEvent event = normalizeAsRouted(VendorFixtures.entry("seam", payload));

        assertThat(event.method()).isEqualTo(AccessMethod.UNKNOWN);
    }

    @Test
    void normalizesLockAccessDeniedKeepingTheReasonCode() {
        AccessEvent event = normalize("lock.access_denied.expired_code");

        assertThat(event.type()).isEqualTo(EventType.ACCESS_DENIED);
        assertThat(event.outcome()).isEqualTo(Outcome.DENIED);
        assertThat(event.severity()).isEqualTo(Severity.WARNING);
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2025-03-04T06:00:00.123Z"));
        assertThat(event.device()).isEqualTo(new Ref(DEVICE, null, "lock", null));
        assertThat(event.site()).isEqualTo(new Ref(WORKSPACE, null, null, null));
        assertThat(event.attributes())
                .containsEntry("reason_code", "expired_code")
                .containsEntry("access_code_id", "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a");
    }

    @Test
    void normalizesLockAccessDeniedWithoutReasonAndWithTheAcsUserAsActor() {
        AccessEvent event = normalize("lock.access_denied");

        assertThat(event.type()).isEqualTo(EventType.ACCESS_DENIED);
        assertThat(event.attributes()).doesNotContainKey("reason_code");
        assertThat(event.actor()).isEqualTo(new Ref(ZERO, null, null, null));
        assertThat(event.door()).isEqualTo(new Ref(ZERO, null, null, null));
    }

    @Test
    void takesTheUserIdentityAsActorWhenThereIsNoAcsUser() {
        ObjectNode payload = VendorFixtures.tree("seam", "lock.unlocked")
                .put("user_identity_id", "5f5f5f5f-1111-4222-8333-444444444444");
        payload.remove("acs_user_id");

        AccessEvent event = normalizeAsRouted(VendorFixtures.entry("seam", payload));

        assertThat(event.actor()).isEqualTo(new Ref("5f5f5f5f-1111-4222-8333-444444444444", null, null, null));
    }

    @Test
    void normalizesAFailedLockDoorActionAttemptAsAFailedCommandNamingTheAction() {
        AccessEvent event = normalize("action_attempt.lock_door.failed");

        assertThat(event.type()).isEqualTo(EventType.COMMAND_FAILED);
        assertThat(event.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(event.method()).isEqualTo(AccessMethod.REMOTE);
        assertThat(event.device()).isEqualTo(new Ref(ZERO, null, null, null));
        assertThat(event.attributes())
                .containsEntry("action", "lock_door")
                .containsEntry("action_attempt_id", ZERO)
                .doesNotContainKeys("action_type", "status");
    }

    @ParameterizedTest
    @CsvSource({
            "action_attempt.unlock_door.succeeded, unlock_door",
            "action_attempt.simulate_keypad_code_entry.failed, simulate_keypad_code_entry",
            "action_attempt.simulate_manual_lock_via_keypad.succeeded, simulate_manual_lock_via_keypad",
    })
    void namesTheActionOfEveryActionAttempt(String fixture, String action) {
        assertThat(normalize(fixture).attributes()).containsEntry("action", action);
    }

    @Test
    void keepsActionTypeAndStatusWhenSeamFillsThem() {
        ObjectNode payload = VendorFixtures.tree("seam", "action_attempt.unlock_door.succeeded")
                .put("action_type", "UNLOCK_DOOR")
                .put("status", "success");

        AccessEvent event = normalizeAsRouted(VendorFixtures.entry("seam", payload));

        assertThat(event.attributes())
                .containsEntry("action_type", "UNLOCK_DOOR")
                .containsEntry("status", "success");
    }

    @Test
    void storesAnActionAttemptWithAnUnexpectedResultAsUnknown() {
        ObjectNode payload = VendorFixtures.tree("seam", "action_attempt.lock_door.failed")
                .put("event_type", "action_attempt.lock_door.pending");

        AccessEvent event = normalizeAsRouted(VendorFixtures.entry("seam", payload));

        assertThat(event.type()).isEqualTo(EventType.UNKNOWN);
    }

    @ParameterizedTest
    @CsvSource({
            "acs_system.added, SYSTEM_ADDED",
            "acs_system.connected, SYSTEM_CONNECTED",
            "acs_system.disconnected, SYSTEM_DISCONNECTED",
    })
    void mapsAcsSystemEventsToSystemEventsOfTheAccessSystem(String fixture, EventType type) {
        AccessEvent event = normalize(fixture);

        assertThat(event.type()).isEqualTo(type);
        assertThat(event.device()).isEqualTo(new Ref(ZERO, null, "access_system", null));
        assertThat(event.attributes()).containsEntry("acs_system_id", ZERO);
    }

    @Test
    void normalizesDeviceLowBatteryKeepingTheBatteryLevel() {
        AccessEvent event = normalize("device.low_battery");

        assertThat(event.type()).isEqualTo(EventType.DEVICE_BATTERY_LOW);
        assertThat(event.severity()).isEqualTo(Severity.WARNING);
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2025-03-04T05:06:07Z"));
        assertThat(event.device()).isEqualTo(new Ref(DEVICE, null, null, null));
        assertThat(event.attributes()).containsEntry("battery_level", 0.15);
    }

    @Test
    void normalizesDeviceDisconnectedKeepingTheErrorCode() {
        AccessEvent event = normalize("device.disconnected");

        assertThat(event.type()).isEqualTo(EventType.DEVICE_DISCONNECTED);
        assertThat(event.attributes()).containsEntry("error_code", "device_offline");
    }

    @Test
    void normalizesDeviceTamperedAsCritical() {
        AccessEvent event = normalize("device.tampered");

        assertThat(event.type()).isEqualTo(EventType.DEVICE_TAMPERED);
        assertThat(event.severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void storesAnUnmappedDeviceEventAsUnknown() {
        ObjectNode payload = VendorFixtures.tree("seam", "device.connected")
                .put("event_type", "device.name_changed");

        AccessEvent event = normalizeAsRouted(VendorFixtures.entry("seam", payload));

        assertThat(event.type()).isEqualTo(EventType.UNKNOWN);
        assertThat(event.device()).isEqualTo(new Ref(DEVICE, null, null, null));
    }

    @Test
    void storesAnUnmappedSeamEventFamilyAsUnknownWithWhatItTells() {
        AccessEvent event = normalize("access_code.created");

        assertThat(event.type()).isEqualTo(EventType.UNKNOWN);
        assertThat(event.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(event.vendorEventType()).isEqualTo("access_code.created");
        assertThat(event.device()).isEqualTo(new Ref(DEVICE, null, null, null));
        assertThat(event.site()).isEqualTo(new Ref(WORKSPACE, null, null, null));
        assertThat(event.attributes()).containsEntry("access_code_id", "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a");
    }

    @Test
    void takesTheCreationTimeWhenSeamGivesNoOccurrenceTime() {
        ObjectNode payload = VendorFixtures.tree("seam", "device.low_battery");
        payload.remove("occurred_at");

        AccessEvent event = normalizeAsRouted(VendorFixtures.entry("seam", payload));

        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2025-03-04T05:06:08Z"));
    }

    @Test
    void fallsBackToTheReceiptTimeWhenTheOccurrenceTimeIsUnreadable() {
        ObjectNode payload = VendorFixtures.tree("seam", "lock.locked").put("occurred_at", "yesterday");

        AccessEvent event = normalizeAsRouted(VendorFixtures.entry("seam", payload));

        assertThat(event.occurredAt()).isEqualTo(VendorFixtures.RECEIVED_AT);
    }

    @Test
    void normalizesAnOccurrenceTimeWithAnOffsetToUtc() {
        ObjectNode payload = VendorFixtures.tree("seam", "lock.locked")
                .put("occurred_at", "2025-01-01T01:30:00+01:30");

        AccessEvent event = normalizeAsRouted(VendorFixtures.entry("seam", payload));

        assertThat(event.occurredAt()).isEqualTo(NEW_YEAR);
    }

    private AccessEvent normalize(String fixture) {
        return normalizeAsRouted(VendorFixtures.fixture("seam", fixture));
    }

    /** The route routes/normalize/normalize.camel.yaml: the row of the type table, then its mappings. */
    private AccessEvent normalizeAsRouted(InboxEntry entry) {
        return VendorFixtures.normalize(entry);
    }
}
