package io.gatehouse.verkada;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
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

/** Every Verkada fixture through vendor-definitions/verkada.yaml, as routes/normalize/normalize.camel.yaml applies it. */
class VerkadaNormalizerTest {

    private static final String ORG = "a74fc6a6-4fc5-4e5c-88e5-57301683327a";
    private static final Ref LOADING_DOCK = new Ref("d0d0d0d0-aaaa-4bbb-8ccc-dddddddddddd", "Loading Dock", null, null);
    private static final Ref WAREHOUSE_CONTROLLER = new Ref("ac000000-eeee-4fff-8aaa-bbbbbbbbbbbb",
            "Warehouse Controller", "access_controller", null);
    private static final Ref GRACE = new Ref("9b9b9b9b-c8c8-4d7d-8e6e-f5f5f5f5f5f5", "Grace Hopper", null,
            "grace@example.com");
    /** Each fixture in src/test/resources/verkada with the type, outcome, method and UTC time it must give. */
    static Stream<Arguments> fixtures() {
        return Stream.of(
                Arguments.of("camera_motion", EventType.UNKNOWN, Outcome.UNKNOWN, AccessMethod.UNKNOWN,
                        "2025-01-01T12:11:00Z"),
                Arguments.of("door_acu_offline", EventType.DEVICE_DISCONNECTED, Outcome.UNKNOWN,
                        AccessMethod.UNKNOWN, "2025-01-01T12:03:00Z"),
                Arguments.of("door_apb_double_entry", EventType.ACCESS_ANTI_PASSBACK, Outcome.DENIED,
                        AccessMethod.UNKNOWN, "2025-01-01T12:04:00Z"),
                Arguments.of("door_ble_rejected", EventType.ACCESS_DENIED, Outcome.DENIED, AccessMethod.BLUETOOTH,
                        "2025-01-01T12:08:00Z"),
                Arguments.of("door_code_entered_accepted", EventType.ACCESS_GRANTED, Outcome.SUCCESS,
                        AccessMethod.KEYCODE, "2025-01-01T12:05:00Z"),
                Arguments.of("door_code_entered_rejected", EventType.ACCESS_DENIED, Outcome.DENIED,
                        AccessMethod.KEYCODE, "2025-01-01T12:06:00Z"),
                Arguments.of("door_forced_open", EventType.DOOR_FORCED_OPEN, Outcome.UNKNOWN, AccessMethod.UNKNOWN,
                        "2025-01-01T12:00:00Z"),
                Arguments.of("door_held_open", EventType.DOOR_HELD_OPEN, Outcome.UNKNOWN, AccessMethod.UNKNOWN,
                        "2025-01-01T12:01:00Z"),
                Arguments.of("door_keycard_entered_rejected", EventType.ACCESS_DENIED, Outcome.DENIED,
                        AccessMethod.CARD, "2023-08-15T20:23:20Z"),
                Arguments.of("door_lockdown", EventType.LOCKDOWN_STARTED, Outcome.UNKNOWN, AccessMethod.REMOTE,
                        "2025-01-01T12:09:00Z"),
                Arguments.of("door_lockdown.ended", EventType.LOCKDOWN_ENDED, Outcome.UNKNOWN, AccessMethod.REMOTE,
                        "2025-01-01T12:10:00Z"),
                Arguments.of("door_mobile_nfc_accepted", EventType.ACCESS_GRANTED, Outcome.SUCCESS,
                        AccessMethod.NFC, "2025-01-01T12:07:00Z"),
                Arguments.of("door_remote_unlock_accepted", EventType.ACCESS_GRANTED, Outcome.SUCCESS,
                        AccessMethod.REMOTE, "2023-08-17T01:27:27Z"),
                Arguments.of("door_tamper", EventType.DEVICE_TAMPERED, Outcome.UNKNOWN, AccessMethod.UNKNOWN,
                        "2025-01-01T12:02:00Z"));
    }

    static List<String> fixtureNames() {
        return VendorFixtures.names("verkada");
    }

    @Test
    void everyVerkadaFixtureHasAnExpectedNormalization() {
        assertThat(fixtures().map(arguments -> (String) arguments.get()[0]))
                .containsExactlyInAnyOrderElementsOf(fixtureNames());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("fixtures")
    void normalizesEveryVerkadaFixture(String fixture, EventType type, Outcome outcome, AccessMethod method,
                                       String occurredAt) {
        InboxEntry entry = VendorFixtures.fixture("verkada", fixture);

        AccessEvent event = normalizeAsRouted(entry);

        assertThat(event.type()).isEqualTo(type);
        assertThat(event.outcome()).isEqualTo(outcome);
        assertThat(event.method()).isEqualTo(method);
        assertThat(event.occurredAt()).isEqualTo(Instant.parse(occurredAt));
        assertThat(event.severity()).isEqualTo(type.defaultSeverity());
        assertThat(event.id()).isEqualTo(entry.id());
        assertThat(event.vendor()).isEqualTo("verkada");
        assertThat(event.vendorEventType()).isEqualTo(VendorFixtures.payload(entry).path("data").path("notification_type").asText());
        assertThat(event.vendorEventId()).isEqualTo(VendorFixtures.payload(entry).path("webhook_id").asText());
        assertThat(event.receivedAt()).isEqualTo(VendorFixtures.RECEIVED_AT);
        assertThat(event.site()).isEqualTo(new Ref(ORG, null, null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtureNames")
    void neverCopiesTheInputValueIntoTheCanonicalEvent(String fixture) {
        ObjectNode payload = VendorFixtures.tree("verkada", fixture);
        ((ObjectNode) payload.get("data")).put("input_value", "PIN-731946");

        AccessEvent event = normalizeAsRouted(VendorFixtures.entry("verkada", payload));

        assertThat(event.toString()).doesNotContain("731946");
        assertThat(event.attributes().keySet()).doesNotContain("input_value");
        assertThat(event.attributes().values()).allSatisfy(value ->
                assertThat(String.valueOf(value)).doesNotContain("731946"));
    }

    @ParameterizedTest
    @CsvSource({
            "door_keycard_entered_rejected, 151|39924",
            "door_apb_double_entry, 402|77121",
            "door_code_entered_accepted, 864213",
            "door_code_entered_rejected, 975319",
    })
    void leavesTheFixturesInputValueOutOfTheCanonicalEvent(String fixture, String inputValue) {
        assertThat(VendorFixtures.text("verkada", fixture)).contains(inputValue);

        AccessEvent event = normalize(fixture);

        assertThat(event.toString()).doesNotContain(inputValue);
        assertThat(event.attributes().values()).allSatisfy(value ->
                assertThat(String.valueOf(value)).doesNotContain(inputValue));
    }

    @ParameterizedTest(name = "door_{0}_{1} -> {2} via {3}")
    @CsvSource({
            "keycard_entered, accepted, ACCESS_GRANTED, CARD",
            "keycard_entered, rejected, ACCESS_DENIED,  CARD",
            "code_entered,    accepted, ACCESS_GRANTED, KEYCODE",
            "code_entered,    rejected, ACCESS_DENIED,  KEYCODE",
            "mobile_nfc,      accepted, ACCESS_GRANTED, NFC",
            "mobile_nfc,      rejected, ACCESS_DENIED,  NFC",
            "ble,             accepted, ACCESS_GRANTED, BLUETOOTH",
            "ble,             rejected, ACCESS_DENIED,  BLUETOOTH",
            "remote_unlock,   accepted, ACCESS_GRANTED, REMOTE",
            "remote_unlock,   rejected, ACCESS_DENIED,  REMOTE",
            "face_unlock,     accepted, ACCESS_GRANTED, UNKNOWN",
    })
    void mapsEveryCredentialKindAndResult(String credential, String result, EventType type, AccessMethod method) {
        ObjectNode payload = VendorFixtures.tree("verkada", "door_remote_unlock_accepted");
        ((ObjectNode) payload.get("data")).put("notification_type", "door_" + credential + "_" + result);

        AccessEvent event = normalizeAsRouted(VendorFixtures.entry("verkada", payload));

        assertThat(event.type()).isEqualTo(type);
        assertThat(event.outcome()).isEqualTo(type == EventType.ACCESS_GRANTED ? Outcome.SUCCESS : Outcome.DENIED);
        assertThat(event.method()).isEqualTo(method);
        assertThat(event.attributes()).containsEntry("credential", credential);
    }

    @Test
    void normalizesARemoteUnlockWithDoorControllerAndUser() {
        AccessEvent event = normalize("door_remote_unlock_accepted");

        assertThat(event.type()).isEqualTo(EventType.ACCESS_GRANTED);
        assertThat(event.door()).isEqualTo(new Ref("a1faa47c-330a-45aa-8fe6-cacb293400c2", "Front Door", null, null));
        assertThat(event.device()).isEqualTo(new Ref("8adf16e0-a52a-45d1-8b68-efc5d6fb64ba",
                "Lobby Door Controller", "access_controller", null));
        assertThat(event.actor()).isEqualTo(new Ref("47c39a50-3575-40ee-bfe9-46e0fa8447db", "John Smith", null,
                "john.smith@example.com"));
        assertThat(event.attributes())
                .containsEntry("credential", "remote_unlock")
                .containsEntry("device_type", "access_control");
    }

    @Test
    void normalizesARejectedKeycardWithoutDoorOrUserInfo() {
        AccessEvent event = normalize("door_keycard_entered_rejected");

        assertThat(event.type()).isEqualTo(EventType.ACCESS_DENIED);
        assertThat(event.severity()).isEqualTo(Severity.WARNING);
        assertThat(event.door()).isEqualTo(new Ref("dd47e8e4-dc18-47d9-8249-4607eaa884dd", null, null, null));
        assertThat(event.device()).isEqualTo(new Ref("dd47e8e4-dc18-47d9-8249-4607eaa884dd", null,
                "access_controller", null));
        assertThat(event.actor()).isNull();
    }

    @Test
    void namesTheUserByFirstAndLastNameWhenVerkadaGivesNoName() {
        AccessEvent event = normalize("door_code_entered_accepted");

        assertThat(event.actor()).isEqualTo(new Ref("0a0a0a0a-b1b1-4c2c-8d3d-e4e4e4e4e4e4", "Ada Lovelace", null,
                "ada@example.com"));
    }

    @Test
    void leavesTheActorOutWhenUserInfoHoldsNothing() {
        ObjectNode payload = VendorFixtures.tree("verkada", "door_code_entered_accepted");
        ((ObjectNode) payload.get("data")).putObject("user_info").putNull("name");

        AccessEvent event = normalizeAsRouted(VendorFixtures.entry("verkada", payload));

        assertThat(event.actor()).isNull();
    }

    @Test
    void normalizesDoorForcedOpenAsCritical() {
        AccessEvent event = normalize("door_forced_open");

        assertThat(event.type()).isEqualTo(EventType.DOOR_FORCED_OPEN);
        assertThat(event.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(event.door()).isEqualTo(LOADING_DOCK);
        assertThat(event.device()).isEqualTo(WAREHOUSE_CONTROLLER);
        assertThat(event.actor()).isNull();
    }

    @Test
    void normalizesDoorHeldOpen() {
        AccessEvent event = normalize("door_held_open");

        assertThat(event.type()).isEqualTo(EventType.DOOR_HELD_OPEN);
        assertThat(event.door()).isEqualTo(LOADING_DOCK);
    }

    @Test
    void normalizesDoorTamperAsATamperedDevice() {
        AccessEvent event = normalize("door_tamper");

        assertThat(event.type()).isEqualTo(EventType.DEVICE_TAMPERED);
        assertThat(event.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(event.device()).isEqualTo(WAREHOUSE_CONTROLLER);
    }

    @ParameterizedTest
    @CsvSource({
            "door_opened, DOOR_OPENED",
            "door_closed, DOOR_CLOSED",
            "door_tailgating, DOOR_TAILGATING",
    })
    void normalizesTheOtherDoorActivityNotifications(String notificationType, EventType type) {
        ObjectNode payload = VendorFixtures.tree("verkada", "door_held_open");
        ((ObjectNode) payload.get("data")).put("notification_type", notificationType);

        AccessEvent event = normalizeAsRouted(VendorFixtures.entry("verkada", payload));

        assertThat(event.type()).isEqualTo(type);
    }

    @Test
    void normalizesALockdownThatIsEnabledAsStarted() {
        AccessEvent event = normalize("door_lockdown");

        assertThat(event.type()).isEqualTo(EventType.LOCKDOWN_STARTED);
        assertThat(event.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(event.actor()).isEqualTo(GRACE);
        assertThat(event.attributes())
                .containsEntry("lockdown_id", "1d000000-2222-4333-8444-555555555555")
                .containsEntry("lockdown_name", "Building Lockdown")
                .containsEntry("lockdown_action", "Lockdown");
    }

    @Test
    void normalizesALockdownWithEnabledFalseAsEnded() {
        AccessEvent event = normalize("door_lockdown.ended");

        assertThat(event.type()).isEqualTo(EventType.LOCKDOWN_ENDED);
        assertThat(event.severity()).isEqualTo(Severity.WARNING);
    }

    @Test
    void normalizesALockdownWithEnabledAsAJsonBooleanFalseAsEnded() {
        ObjectNode payload = VendorFixtures.tree("verkada", "door_lockdown");
        ((ObjectNode) payload.get("data").get("lockdown_info")).put("enabled", false);

        AccessEvent event = normalizeAsRouted(VendorFixtures.entry("verkada", payload));

        assertThat(event.type()).isEqualTo(EventType.LOCKDOWN_ENDED);
    }

    @Test
    void normalizesALockdownWhoseActionSaysItWasClearedAsEnded() {
        ObjectNode payload = VendorFixtures.tree("verkada", "door_lockdown");
        ObjectNode lockdown = (ObjectNode) payload.get("data").get("lockdown_info");
        lockdown.remove("enabled");
        lockdown.put("action", "Lockdown cleared");

        AccessEvent event = normalizeAsRouted(VendorFixtures.entry("verkada", payload));

        assertThat(event.type()).isEqualTo(EventType.LOCKDOWN_ENDED);
    }

    @Test
    void normalizesALockdownWithoutLockdownInfoAsStarted() {
        ObjectNode payload = VendorFixtures.tree("verkada", "door_lockdown");
        ((ObjectNode) payload.get("data")).putNull("lockdown_info");

        AccessEvent event = normalizeAsRouted(VendorFixtures.entry("verkada", payload));

        assertThat(event.type()).isEqualTo(EventType.LOCKDOWN_STARTED);
        assertThat(event.attributes()).doesNotContainKeys("lockdown_id", "lockdown_name", "lockdown_action");
    }

    @Test
    void keepsALockdownThatIsStillEnabledStartedWhateverItsActionSays() {
        ObjectNode payload = VendorFixtures.tree("verkada", "door_lockdown");
        ((ObjectNode) payload.get("data").get("lockdown_info")).put("action", "Lockdown extended to all doors");

        AccessEvent event = normalizeAsRouted(VendorFixtures.entry("verkada", payload));

        assertThat(event.type()).isEqualTo(EventType.LOCKDOWN_STARTED);
    }

    @Test
    void normalizesADoubleEntryAsAnAntiPassbackViolationByTheUser() {
        AccessEvent event = normalize("door_apb_double_entry");

        assertThat(event.type()).isEqualTo(EventType.ACCESS_ANTI_PASSBACK);
        assertThat(event.outcome()).isEqualTo(Outcome.DENIED);
        assertThat(event.actor()).isEqualTo(GRACE);
        assertThat(event.door()).isEqualTo(LOADING_DOCK);
        assertThat(event.attributes()).containsEntry("violation", "double_entry");
    }

    @Test
    void normalizesADoubleExitAsAnAntiPassbackViolation() {
        ObjectNode payload = VendorFixtures.tree("verkada", "door_apb_double_entry");
        ((ObjectNode) payload.get("data")).put("notification_type", "door_apb_double_exit");

        AccessEvent event = normalizeAsRouted(VendorFixtures.entry("verkada", payload));

        assertThat(event.type()).isEqualTo(EventType.ACCESS_ANTI_PASSBACK);
        assertThat(event.attributes()).containsEntry("violation", "double_exit");
    }

    @Test
    void normalizesAnOfflineControllerAsADisconnectedDevice() {
        AccessEvent event = normalize("door_acu_offline");

        assertThat(event.type()).isEqualTo(EventType.DEVICE_DISCONNECTED);
        assertThat(event.severity()).isEqualTo(Severity.WARNING);
        assertThat(event.device()).isEqualTo(WAREHOUSE_CONTROLLER);
    }

    @Test
    void normalizesAControllerBackOnlineAsAConnectedDevice() {
        ObjectNode payload = VendorFixtures.tree("verkada", "door_acu_offline");
        ((ObjectNode) payload.get("data")).put("notification_type", "door_acu_online");

        AccessEvent event = normalizeAsRouted(VendorFixtures.entry("verkada", payload));

        assertThat(event.type()).isEqualTo(EventType.DEVICE_CONNECTED);
    }

    @Test
    void storesACameraNotificationAsUnknown() {
        InboxEntry entry = VendorFixtures.fixture("verkada", "camera_motion");

        AccessEvent event = normalizeAsRouted(entry);

        assertThat(VendorFixtures.payload(entry).path("data").path("device_type").asText()).isEqualTo("camera");
        assertThat(event.type()).isEqualTo(EventType.UNKNOWN);
        assertThat(event.vendorEventType()).isEqualTo("motion");
        assertThat(event.attributes()).containsEntry("device_type", "camera");
    }

    @Test
    void doesNotCallTheCameraOfACameraNotificationAnAccessController() {
        AccessEvent event = normalize("camera_motion");

        assertThat(event.device()).isNotNull();
        assertThat(event.device().id()).isEqualTo("ca000000-1234-4abc-8def-0123456789ab");
        assertThat(event.device().kind()).isNotEqualTo("access_controller");
    }

    @Test
    void storesACameraNotificationNamedLikeADoorEventAsUnknown() {
        ObjectNode payload = VendorFixtures.tree("verkada", "camera_motion");
        ((ObjectNode) payload.get("data")).put("notification_type", "door_forced_open");

        AccessEvent event = normalizeAsRouted(VendorFixtures.entry("verkada", payload));

        assertThat(event.type()).isEqualTo(EventType.UNKNOWN);
    }

    @Test
    void storesAnUnmappedAccessControlNotificationAsUnknown() {
        ObjectNode payload = VendorFixtures.tree("verkada", "door_held_open");
        ((ObjectNode) payload.get("data")).put("notification_type", "door_fire_alarm_triggered");

        AccessEvent event = normalizeAsRouted(VendorFixtures.entry("verkada", payload));

        assertThat(event.type()).isEqualTo(EventType.UNKNOWN);
        assertThat(event.door()).isEqualTo(LOADING_DOCK);
    }

    @Test
    void takesTheEventTimeFromDataCreatedAtWhenThereIsNoCreated() {
        ObjectNode payload = VendorFixtures.tree("verkada", "door_forced_open");
        ObjectNode data = (ObjectNode) payload.get("data");
        data.remove("created");
        data.put("created_at", 1735689600L);

        AccessEvent event = normalizeAsRouted(VendorFixtures.entry("verkada", payload));

        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
    }

    @Test
    void takesTheWebhookCreationTimeWhenTheDataHasNone() {
        ObjectNode payload = VendorFixtures.tree("verkada", "door_forced_open");
        ((ObjectNode) payload.get("data")).remove("created");

        AccessEvent event = normalizeAsRouted(VendorFixtures.entry("verkada", payload));

        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2025-01-01T12:00:02Z"));
    }

    @Test
    void keepsAuxInputFacts() {
        ObjectNode payload = VendorFixtures.tree("verkada", "door_forced_open");
        ((ObjectNode) payload.get("data")).putObject("aux_info")
                .put("aux_input_id", "aux-7")
                .put("aux_input_name", "Gate sensor");

        AccessEvent event = normalizeAsRouted(VendorFixtures.entry("verkada", payload));

        assertThat(event.attributes())
                .containsEntry("aux_input_id", "aux-7")
                .containsEntry("aux_input_name", "Gate sensor");
    }

    private AccessEvent normalize(String fixture) {
        return normalizeAsRouted(VendorFixtures.fixture("verkada", fixture));
    }

    /** The route routes/normalize/normalize.camel.yaml: the row of the type table, then its mappings. */
    private AccessEvent normalizeAsRouted(InboxEntry entry) {
        return VendorFixtures.normalize(entry);
    }
}
