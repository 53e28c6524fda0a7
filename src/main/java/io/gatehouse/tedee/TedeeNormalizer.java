package io.gatehouse.tedee;

import java.time.Instant;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.gatehouse.event.AccessEvent;
import io.gatehouse.event.AccessEventBuilder;
import io.gatehouse.event.EventType;
import io.gatehouse.event.EventsProperties;
import io.gatehouse.event.Ref;
import io.gatehouse.inbox.InboxEntry;
import io.gatehouse.inbox.VendorEvent;
import io.gatehouse.normalize.Timestamps;
import io.gatehouse.normalize.VendorNormalizer;
import io.gatehouse.tedee.TedeeWebhook.Data;

/** Turns Tedee cloud webhooks into canonical events; routes/normalize/tedee.camel.yaml picks the method by event. */
@Component
public class TedeeNormalizer implements VendorNormalizer {

    /** Tedee's lock states; intermediate ones (unlocking, locking, pulling) are not sent as webhooks. */
    static final Map<Integer, String> LOCK_STATES = Map.ofEntries(
            Map.entry(0, "uncalibrated"), Map.entry(1, "calibrating"), Map.entry(2, "unlocked"),
            Map.entry(3, "semi_locked"), Map.entry(4, "unlocking"), Map.entry(5, "locking"),
            Map.entry(6, "locked"), Map.entry(7, "pulled"), Map.entry(8, "pulling"), Map.entry(9, "unknown"),
            Map.entry(18, "updating"));

    static final Map<Integer, String> DOOR_STATES = Map.of(
            0, "not_paired", 1, "disconnected", 2, "opened", 3, "closed", 4, "uncalibrated");

    static final Map<Integer, String> DEVICE_KINDS = Map.of(
            1, "bridge", 2, "lock_pro", 3, "keypad", 4, "lock_go", 5, "gate", 6, "dry_contact",
            8, "door_sensor", 10, "keypad_pro");

    private final int batteryLowBelow;

    public TedeeNormalizer(EventsProperties properties) {
        this.batteryLowBelow = properties.batteryLowBelow();
    }

    @Override
    public String vendor() {
        return "tedee";
    }

    @Override
    public Class<? extends VendorEvent> payloadType() {
        return TedeeWebhook.class;
    }

    /** A lock locked, unlocked or pulled (not jammed: semi-locked is state 3). */
    @Override
    public boolean isRoutine(VendorEvent payload) {
        TedeeWebhook webhook = (TedeeWebhook) payload;
        Integer state = webhook.data() == null ? null : webhook.data().state();
        return "lock-status-changed".equals(webhook.eventType()) && state != null
                && (state == 2 || state == 6 || state == 7);
    }

    /**
     * lock-status-changed: the lock state decides the type (a semi-locked bolt is jammed, a pulled latch is
     * unlocked); a state that says nothing about the bolt falls back to the paired door sensor's state.
     */
    public AccessEvent lockStatus(InboxEntry entry) {
        Data data = data(entry);
        Integer state = data == null ? null : data.state();
        Integer doorState = data == null ? null : data.doorState();
        EventType type;
        if (state != null && (state == 2 || state == 7)) {
            type = EventType.LOCK_UNLOCKED;
        } else if (state != null && state == 6) {
            type = EventType.LOCK_LOCKED;
        } else if (state != null && state == 3) {
            type = EventType.LOCK_JAMMED;
        } else if (doorState != null && (doorState == 2 || doorState == 3)) {
            type = doorState == 2 ? EventType.DOOR_OPENED : EventType.DOOR_CLOSED;
        } else {
            type = EventType.LOCK_STATE_CHANGED;
        }
        return common(entry)
                .type(type)
                .attribute("lock_state", state == null ? null : LOCK_STATES.getOrDefault(state, "state_" + state))
                .attribute("lock_state_code", state)
                .attribute("door_state", doorState == null ? null
                        : DOOR_STATES.getOrDefault(doorState, "state_" + doorState))
                .build();
    }

    /** device-connection-changed. */
    public AccessEvent connection(InboxEntry entry) {
        Data data = data(entry);
        boolean connected = data != null && Boolean.TRUE.equals(data.isConnected());
        return common(entry)
                .type(connected ? EventType.DEVICE_CONNECTED : EventType.DEVICE_DISCONNECTED)
                .build();
    }

    /** device-battery-level-changed: low below gatehouse.events.battery-low-below percent, else an update. */
    public AccessEvent battery(InboxEntry entry) {
        Data data = data(entry);
        Integer level = data == null ? null : data.batteryLevel();
        return common(entry)
                .type(level != null && level < batteryLowBelow ? EventType.DEVICE_BATTERY_LOW : EventType.DEVICE_UPDATED)
                .attribute("battery_level", level)
                .attribute("is_charging", data == null ? null : data.isCharging())
                .build();
    }

    /** device-settings-changed. */
    public AccessEvent settings(InboxEntry entry) {
        return common(entry).type(EventType.DEVICE_UPDATED).build();
    }

    /** bell-button-pressed. */
    public AccessEvent bell(InboxEntry entry) {
        return common(entry).type(EventType.DOORBELL_PRESSED).build();
    }

    /** Any other Tedee event: kept, with what every Tedee event tells. */
    public AccessEvent unknown(InboxEntry entry) {
        return common(entry).type(EventType.UNKNOWN).build();
    }

    private static Data data(InboxEntry entry) {
        return entry.payload(TedeeWebhook.class).data();
    }

    private static AccessEventBuilder common(InboxEntry entry) {
        TedeeWebhook webhook = entry.payload(TedeeWebhook.class);
        Data data = webhook.data();
        String eventTime = data == null ? null : data.eventTime();
        Instant occurredAt = Timestamps.parseIso(eventTime);
        AccessEventBuilder builder = new AccessEventBuilder(entry.id(), entry.vendor(), entry.receivedAt())
                .vendorEvent(entry.vendorEventId(), entry.vendorEventType())
                .occurredAt(occurredAt != null ? occurredAt : Timestamps.parseIso(webhook.timestamp()),
                        eventTime != null ? eventTime : webhook.timestamp());
        if (data == null) {
            return builder;
        }
        String deviceId = data.deviceId() == null ? null : String.valueOf(data.deviceId());
        return builder
                .device(Ref.device(deviceId, data.name(),
                        data.deviceType() == null ? null : DEVICE_KINDS.getOrDefault(data.deviceType(), "unknown")))
                .site(Ref.of(data.organizationId() == null ? null : String.valueOf(data.organizationId()), null));
    }
}
