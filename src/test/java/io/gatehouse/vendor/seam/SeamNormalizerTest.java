package io.gatehouse.vendor.seam;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.gatehouse.event.AccessEvent;
import io.gatehouse.event.EventType;
import io.gatehouse.event.Outcome;
import io.gatehouse.ingress.InboxEntry;
import io.gatehouse.support.Fixtures;
import io.gatehouse.vendor.VendorTestSupport;

class SeamNormalizerTest {

    final SeamNormalizer normalizer = new SeamNormalizer();

    static InboxEntry entry(ObjectNode event) {
        return VendorTestSupport.entry("seam", Fixtures.json(event), SeamEvent.class);
    }

    @ParameterizedTest
    @CsvSource({
            "keycode, false, false, keycode",
            "keycode, true, true, keycode",
            "remote, false, true, nfc",
            "remote, true, false, bluetooth",
            "remote, false, false, remote",
            "unknown, true, false, bluetooth",
            "manual, true, false, manual",
            "card, false, false, card"})
    void refinesOnlyRemoteOrUnknownMethodsWithTheTransportFlags(String method, boolean bluetooth, boolean nfc,
                                                               String expected) {
        ObjectNode event = Fixtures.seam("lock.unlocked").put("method", method).put("is_via_bluetooth", bluetooth)
                .put("is_via_nfc", nfc);

        assertThat(normalizer.lockEvent(entry(event)).method().code()).isEqualTo(expected);
    }

    @Test
    void keepsTheReasonOfADeniedAccess() {
        ObjectNode event = Fixtures.seam("lock.access_denied");
        event.putObject("reason").put("reason_code", "expired_code");

        AccessEvent normalized = normalizer.lockEvent(entry(event));

        assertThat(normalized.type()).isEqualTo(EventType.ACCESS_DENIED);
        assertThat(normalized.outcome()).isEqualTo(Outcome.DENIED);
        assertThat(normalized.attributes()).containsEntry("reason_code", "expired_code");
        assertThat(normalized.occurredAt()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
    }

    @Test
    void mapsActionAttemptsToCommandsWithTheAction() {
        AccessEvent failed = normalizer.actionAttempt(entry(Fixtures.seam("action_attempt.lock_door.failed")));

        assertThat(failed.type()).isEqualTo(EventType.COMMAND_FAILED);
        assertThat(failed.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(failed.attributes()).containsEntry("action", "lock_door");
    }

    @Test
    void mapsDeviceEventsAndKeepsOthersAsUnknown() {
        ObjectNode lowBattery = Fixtures.seam("lock.locked").put("event_type", "device.low_battery")
                .put("battery_level", 0.12);
        ObjectNode created = Fixtures.seam("lock.locked").put("event_type", "device.name_changed");

        AccessEvent battery = normalizer.deviceEvent(entry(lowBattery));

        assertThat(battery.type()).isEqualTo(EventType.DEVICE_BATTERY_LOW);
        assertThat(battery.attributes()).containsEntry("battery_level", 0.12);
        assertThat(normalizer.deviceEvent(entry(created)).type()).isEqualTo(EventType.UNKNOWN);
        assertThat(normalizer.accessSystem(entry(Fixtures.seam("acs_system.disconnected"))).type())
                .isEqualTo(EventType.SYSTEM_DISCONNECTED);
    }
}
