package io.gatehouse.tedee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.gatehouse.config.TestVendorsProperties;
import io.gatehouse.event.EventType;
import io.gatehouse.event.EventsProperties;
import io.gatehouse.inbox.InboxEntry;
import io.gatehouse.ingress.WebhookRejection;
import io.gatehouse.support.VendorFixtures;
import io.gatehouse.support.VendorVerifier;
import io.gatehouse.support.Fixtures;
import io.gatehouse.support.VendorTestSupport;

class TedeeVendorTest {

    final VendorVerifier verifier = VendorVerifier.of("tedee", TestVendorsProperties.of(null, null, "t0ken", true), java.time.Clock.systemUTC());

    static InboxEntry entry(ObjectNode webhook) {
        return VendorFixtures.entry("tedee", Fixtures.json(webhook));
    }

    static ObjectNode lockStatus(int state, int doorState) {
        ObjectNode webhook = Fixtures.load("tedee/lock-status-changed.json");
        ((ObjectNode) webhook.get("data")).put("state", state).put("doorState", doorState);
        return webhook;
    }

    @ParameterizedTest
    @CsvSource({"6, 3, lock.locked", "2, 0, lock.unlocked", "7, 2, lock.unlocked", "3, 0, lock.jammed",
            "9, 2, door.opened", "9, 3, door.closed", "18, 0, lock.state_changed", "0, 1, lock.state_changed"})
    void mapsLockAndDoorStates(int state, int doorState, String type) {
        assertThat(VendorFixtures.normalize(entry(lockStatus(state, doorState))).type().code()).isEqualTo(type);
    }

    @Test
    void readsEventTimesWithSevenFractionalDigitsAndNoOffsetAsUtc() {
        ObjectNode webhook = lockStatus(6, 3);
        ((ObjectNode) webhook.get("data")).put("eventTime", "2024-05-06T07:08:09.1234567");

        assertThat(VendorFixtures.normalize(entry(webhook)).occurredAt())
                .isEqualTo(Instant.parse("2024-05-06T07:08:09.1234567Z"));
    }

    @Test
    void mapsConnectionAndBatteryReports() {
        ObjectNode offline = Fixtures.load("tedee/lock-status-changed.json").put("event", "device-connection-changed");
        ((ObjectNode) offline.get("data")).put("isConnected", false);
        ObjectNode low = Fixtures.load("tedee/lock-status-changed.json").put("event", "device-battery-level-changed");
        ((ObjectNode) low.get("data")).put("batteryLevel", 12);
        ObjectNode fine = low.deepCopy();
        ((ObjectNode) fine.get("data")).put("batteryLevel", 80);

        assertThat(VendorFixtures.normalize(entry(offline)).type()).isEqualTo(EventType.DEVICE_DISCONNECTED);
        assertThat(VendorFixtures.normalize(entry(low)).type()).isEqualTo(EventType.DEVICE_BATTERY_LOW);
        assertThat(VendorFixtures.normalize(entry(fine)).type()).isEqualTo(EventType.DEVICE_UPDATED);
    }

    @Test
    void givesPerUserCopiesOfOneChangeOneDeduplicationKey() {
        ObjectNode first = lockStatus(6, 3);
        ObjectNode copy = first.deepCopy().put("userIdentity", "someone-else").put("timestamp", "2022-11-09T14:15:31Z");
        ObjectNode unlocked = lockStatus(2, 3);

        String key = entry(first).deduplicationKey();

        assertThat(entry(copy).deduplicationKey()).isEqualTo(key);
        assertThat(entry(unlocked).deduplicationKey()).isNotEqualTo(key);
    }

    @Test
    void acceptsTheTokenAsBearerOrQueryParameterAndNothingElse() {
        assertThatCode(() -> verifier.verify(VendorTestSupport.exchange("{}", Map.of("Authorization", "Bearer t0ken"))))
                .doesNotThrowAnyException();
        assertThatCode(() -> verifier.verify(VendorTestSupport.exchange("{}", Map.of("token", "t0ken"))))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> verifier.verify(VendorTestSupport.exchange("{}", Map.of("token", "t0ke"))))
                .isInstanceOfSatisfying(WebhookRejection.class, r -> assertThat(r.code()).isEqualTo("invalid_token"));
        assertThatThrownBy(() -> verifier.verify(VendorTestSupport.exchange("{}", Map.of())))
                .isInstanceOfSatisfying(WebhookRejection.class, r -> assertThat(r.code()).isEqualTo("missing_token"));
    }
}
