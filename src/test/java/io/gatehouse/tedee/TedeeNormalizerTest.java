package io.gatehouse.tedee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.time.Instant;
import java.util.Map;
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
import io.gatehouse.definitions.VendorCatalog;
import io.gatehouse.definitions.VendorsProperties;
import io.gatehouse.event.Outcome;
import io.gatehouse.event.Ref;
import io.gatehouse.event.Severity;
import io.gatehouse.inbox.InboxEntry;
import io.gatehouse.support.VendorFixtures;

/** Every Tedee fixture through vendor-definitions/tedee.yaml, as routes/normalize/normalize.camel.yaml applies it. */
class TedeeNormalizerTest {

    /** Each fixture in src/test/resources/tedee with the type, outcome and UTC time it must give. */
    static Stream<Arguments> fixtures() {
        return Stream.of(
                Arguments.of("bell-button-pressed", EventType.DOORBELL_PRESSED, Outcome.UNKNOWN,
                        "2024-02-12T11:00:00Z"),
                Arguments.of("device-battery-level-changed", EventType.DEVICE_BATTERY_LOW, Outcome.UNKNOWN,
                        "2024-02-12T09:00:00.5Z"),
                Arguments.of("device-connection-changed", EventType.DEVICE_DISCONNECTED, Outcome.UNKNOWN,
                        "2024-02-12T08:30:00.1234567Z"),
                Arguments.of("device-settings-changed", EventType.DEVICE_UPDATED, Outcome.UNKNOWN,
                        "2024-02-12T10:00:00Z"),
                Arguments.of("lock-status-changed", EventType.LOCK_LOCKED, Outcome.SUCCESS,
                        "2022-11-09T14:15:28.327Z"));
    }

    @Test
    void everyTedeeFixtureHasAnExpectedNormalization() {
        assertThat(fixtures().map(arguments -> (String) arguments.get()[0]))
                .containsExactlyInAnyOrderElementsOf(VendorFixtures.names("tedee"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("fixtures")
    void normalizesEveryTedeeFixture(String fixture, EventType type, Outcome outcome, String occurredAt) {
        InboxEntry entry = VendorFixtures.fixture("tedee", fixture);

        AccessEvent event = normalizeAsRouted(entry);

        assertThat(event.type()).isEqualTo(type);
        assertThat(event.outcome()).isEqualTo(outcome);
        assertThat(event.method()).isEqualTo(AccessMethod.UNKNOWN);
        assertThat(event.occurredAt()).isEqualTo(Instant.parse(occurredAt));
        assertThat(event.severity()).isEqualTo(type.defaultSeverity());
        assertThat(event.id()).isEqualTo(entry.id());
        assertThat(event.vendor()).isEqualTo("tedee");
        assertThat(event.vendorEventType()).isEqualTo(fixture);
        assertThat(event.vendorEventId()).isNull();
        assertThat(event.receivedAt()).isEqualTo(VendorFixtures.RECEIVED_AT);
        assertThat(event.device().id())
                .isEqualTo(VendorFixtures.payload(entry).path("data").path("deviceId").asText());
        assertThat(event.actor()).as("userIdentity is the receiver of the copy, not who acted").isNull();
    }

    @Test
    void normalizesTheDocumentedLockStatusChangedSample() {
        AccessEvent event = normalize("lock-status-changed");

        assertThat(event.type()).isEqualTo(EventType.LOCK_LOCKED);
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2022-11-09T14:15:28.327Z"));
        assertThat(event.device()).isEqualTo(new Ref("12345", null, "lock_pro", null));
        assertThat(event.site()).isNull();
        assertThat(event.attributes()).containsOnly(
                entry("lock_state", "locked"),
                entry("lock_state_code", 6),
                entry("door_state", "closed"));
    }

    @ParameterizedTest(name = "state {0}, doorState {1} -> {2}")
    @CsvSource({
            "6,  0, LOCK_LOCKED,        SUCCESS, locked",
            "6,  2, LOCK_LOCKED,        SUCCESS, locked",
            "2,  0, LOCK_UNLOCKED,      SUCCESS, unlocked",
            "7,  0, LOCK_UNLOCKED,      SUCCESS, pulled",
            "3,  0, LOCK_JAMMED,        FAILURE, semi_locked",
            "9,  2, DOOR_OPENED,        UNKNOWN, unknown",
            "9,  3, DOOR_CLOSED,        UNKNOWN, unknown",
            "18, 0, LOCK_STATE_CHANGED, UNKNOWN, updating",
            "0,  0, LOCK_STATE_CHANGED, UNKNOWN, uncalibrated",
            "1,  1, LOCK_STATE_CHANGED, UNKNOWN, calibrating",
            "42, 4, LOCK_STATE_CHANGED, UNKNOWN, state_42",
    })
    void mapsTheLockStateAndThenTheDoorState(int state, int doorState, EventType type, Outcome outcome,
                                             String lockState) {
        ObjectNode payload = VendorFixtures.tree("tedee", "lock-status-changed");
        ((ObjectNode) payload.get("data")).put("state", state).put("doorState", doorState);

        AccessEvent event = normalizeAsRouted(VendorFixtures.entry("tedee", payload));

        assertThat(event.type()).isEqualTo(type);
        assertThat(event.outcome()).isEqualTo(outcome);
        assertThat(event.attributes())
                .containsEntry("lock_state", lockState)
                .containsEntry("lock_state_code", state);
    }

    @Test
    void reportsAJammedLockAsAWarning() {
        ObjectNode payload = VendorFixtures.tree("tedee", "lock-status-changed");
        ((ObjectNode) payload.get("data")).put("state", 3);

        AccessEvent event = normalizeAsRouted(VendorFixtures.entry("tedee", payload));

        assertThat(event.severity()).isEqualTo(Severity.WARNING);
    }

    @Test
    void readsAnEventTimeWithSevenFractionalDigitsAndNoOffsetAsUtc() {
        ObjectNode payload = VendorFixtures.tree("tedee", "lock-status-changed");
        ((ObjectNode) payload.get("data")).put("eventTime", "2022-11-09T14:15:28.3270000");

        AccessEvent event = normalizeAsRouted(VendorFixtures.entry("tedee", payload));

        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2022-11-09T14:15:28.327Z"));
    }

    @Test
    void readsAnEventTimeWithAnOffsetAsTheSameUtcInstant() {
        ObjectNode payload = VendorFixtures.tree("tedee", "lock-status-changed");
        ((ObjectNode) payload.get("data")).put("eventTime", "2022-11-09T15:15:28.327+01:00");

        AccessEvent event = normalizeAsRouted(VendorFixtures.entry("tedee", payload));

        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2022-11-09T14:15:28.327Z"));
    }

    @Test
    void takesTheSendTimeWhenTheEventTimeIsUnreadable() {
        ObjectNode payload = VendorFixtures.tree("tedee", "lock-status-changed");
        ((ObjectNode) payload.get("data")).put("eventTime", "09/11/2022 14:15");

        AccessEvent event = normalizeAsRouted(VendorFixtures.entry("tedee", payload));

        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2022-11-09T14:15:30.244Z"));
    }

    @Test
    void normalizesALockWithoutDoorSensorWithoutADoorState() {
        ObjectNode payload = VendorFixtures.tree("tedee", "lock-status-changed");
        ((ObjectNode) payload.get("data")).remove("doorState");

        AccessEvent event = normalizeAsRouted(VendorFixtures.entry("tedee", payload));

        assertThat(event.type()).isEqualTo(EventType.LOCK_LOCKED);
        assertThat(event.attributes()).doesNotContainKey("door_state");
    }

    @Test
    void keepsTheOrganizationAsTheSite() {
        ObjectNode payload = VendorFixtures.tree("tedee", "lock-status-changed");
        ((ObjectNode) payload.get("data")).put("organizationId", 4711L);

        AccessEvent event = normalizeAsRouted(VendorFixtures.entry("tedee", payload));

        assertThat(event.site()).isEqualTo(new Ref("4711", null, null, null));
    }

    @ParameterizedTest
    @CsvSource({"true, DEVICE_CONNECTED", "false, DEVICE_DISCONNECTED"})
    void mapsDeviceConnectionChangedByIsConnected(boolean connected, EventType type) {
        ObjectNode payload = VendorFixtures.tree("tedee", "device-connection-changed");
        ((ObjectNode) payload.get("data")).put("isConnected", connected);

        AccessEvent event = normalizeAsRouted(VendorFixtures.entry("tedee", payload));

        assertThat(event.type()).isEqualTo(type);
        assertThat(event.device()).isEqualTo(new Ref("12345", null, "lock_pro", null));
    }

    @Test
    void normalizesADisconnectedLockAsAWarningAtItsSevenDigitEventTime() {
        AccessEvent event = normalize("device-connection-changed");

        assertThat(event.type()).isEqualTo(EventType.DEVICE_DISCONNECTED);
        assertThat(event.severity()).isEqualTo(Severity.WARNING);
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2024-02-12T08:30:00.123456700Z"));
    }

    @Test
    void normalizesABatteryBelowTheConfiguredLevelAsLow() {
        AccessEvent event = normalize("device-battery-level-changed");

        assertThat(event.type()).isEqualTo(EventType.DEVICE_BATTERY_LOW);
        assertThat(event.device()).isEqualTo(new Ref("12345", null, "lock_go", null));
        assertThat(event.attributes())
                .containsEntry("battery_level", 12)
                .containsEntry("is_charging", false);
    }

    @ParameterizedTest(name = "battery {0}% with low below {1}% -> {2}")
    @CsvSource({
            "19, 20, DEVICE_BATTERY_LOW",
            "20, 20, DEVICE_UPDATED",
            "85, 20, DEVICE_UPDATED",
            "0,  20, DEVICE_BATTERY_LOW",
            "30, 50, DEVICE_BATTERY_LOW",
            "5,  0,  DEVICE_UPDATED",
    })
    void comparesTheBatteryLevelWithGatehouseEventsBatteryLowBelow(int level, int lowBelow, EventType type) {
        VendorCatalog configured = VendorFixtures.catalog(new VendorsProperties(Map.of(), null), lowBelow);
        ObjectNode payload = VendorFixtures.tree("tedee", "device-battery-level-changed");
        ((ObjectNode) payload.get("data")).put("batteryLevel", level);

        AccessEvent event = VendorFixtures.normalize(VendorFixtures.entry("tedee", payload), configured);

        assertThat(event.type()).isEqualTo(type);
        assertThat(event.attributes()).containsEntry("battery_level", level);
    }

    @Test
    void treatsABatteryReportWithoutALevelAsAnUpdate() {
        ObjectNode payload = VendorFixtures.tree("tedee", "device-battery-level-changed");
        ((ObjectNode) payload.get("data")).remove("batteryLevel");

        AccessEvent event = normalizeAsRouted(VendorFixtures.entry("tedee", payload));

        assertThat(event.type()).isEqualTo(EventType.DEVICE_UPDATED);
        assertThat(event.attributes()).doesNotContainKey("battery_level");
    }

    @Test
    void normalizesSettingsChangedAsAnUpdateCarryingTheDeviceName() {
        AccessEvent event = normalize("device-settings-changed");

        assertThat(event.type()).isEqualTo(EventType.DEVICE_UPDATED);
        assertThat(event.device()).isEqualTo(new Ref("12345", "Back Door", "lock_pro", null));
    }

    @Test
    void normalizesTheBellButtonOfAKeypadPro() {
        AccessEvent event = normalize("bell-button-pressed");

        assertThat(event.type()).isEqualTo(EventType.DOORBELL_PRESSED);
        assertThat(event.device()).isEqualTo(new Ref("67890", null, "keypad_pro", null));
    }

    @Test
    void storesAnUnknownTedeeEventAsUnknownWithItsDevice() {
        ObjectNode payload = VendorFixtures.tree("tedee", "device-settings-changed").put("event", "device-added");

        AccessEvent event = normalizeAsRouted(VendorFixtures.entry("tedee", payload));

        assertThat(event.type()).isEqualTo(EventType.UNKNOWN);
        assertThat(event.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(event.vendorEventType()).isEqualTo("device-added");
        assertThat(event.device()).isEqualTo(new Ref("12345", "Back Door", "lock_pro", null));
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2024-02-12T10:00:00Z"));
    }

    @Test
    void namesAnUnlistedDeviceTypeUnknown() {
        ObjectNode payload = VendorFixtures.tree("tedee", "bell-button-pressed");
        ((ObjectNode) payload.get("data")).put("deviceType", 99);

        AccessEvent event = normalizeAsRouted(VendorFixtures.entry("tedee", payload));

        assertThat(event.device().kind()).isEqualTo("unknown");
    }

    private AccessEvent normalize(String fixture) {
        return normalizeAsRouted(VendorFixtures.fixture("tedee", fixture));
    }

    /** The route routes/normalize/normalize.camel.yaml: the row of the type table, then its mappings. */
    private AccessEvent normalizeAsRouted(InboxEntry entry) {
        return VendorFixtures.normalize(entry);
    }
}
