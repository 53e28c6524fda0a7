package io.gatehouse.seam;

import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

import io.gatehouse.event.AccessEvent;
import io.gatehouse.event.AccessEventBuilder;
import io.gatehouse.event.AccessMethod;
import io.gatehouse.event.EventType;
import io.gatehouse.event.Ref;
import io.gatehouse.inbox.InboxEntry;
import io.gatehouse.inbox.VendorEvent;
import io.gatehouse.normalize.Timestamps;
import io.gatehouse.normalize.VendorNormalizer;

/**
 * Turns Seam events into canonical events. routes/normalize/seam.camel.yaml picks the method by event family;
 * each method maps the types of its family it knows and stores any other as {@code unknown}.
 */
@Component
public class SeamNormalizer implements VendorNormalizer {

    private static final Map<String, EventType> LOCK_TYPES = Map.of(
            "lock.locked", EventType.LOCK_LOCKED,
            "lock.unlocked", EventType.LOCK_UNLOCKED,
            "lock.access_denied", EventType.ACCESS_DENIED);

    private static final Map<String, EventType> SYSTEM_TYPES = Map.of(
            "acs_system.added", EventType.SYSTEM_ADDED,
            "acs_system.connected", EventType.SYSTEM_CONNECTED,
            "acs_system.disconnected", EventType.SYSTEM_DISCONNECTED);

    private static final Map<String, EventType> DEVICE_TYPES = Map.of(
            "device.connected", EventType.DEVICE_CONNECTED,
            "device.disconnected", EventType.DEVICE_DISCONNECTED,
            "device.low_battery", EventType.DEVICE_BATTERY_LOW,
            "device.tampered", EventType.DEVICE_TAMPERED);

    @Override
    public String vendor() {
        return "seam";
    }

    @Override
    public Class<? extends VendorEvent> payloadType() {
        return SeamEvent.class;
    }

    /** A lock locked or unlocked, a device back online. */
    @Override
    public boolean isRoutine(VendorEvent payload) {
        return ROUTINE_TYPES.contains(payload.eventType());
    }

    private static final Set<String> ROUTINE_TYPES = Set.of("lock.locked", "lock.unlocked", "device.connected");

    /** lock.locked, lock.unlocked and lock.access_denied. */
    public AccessEvent lockEvent(InboxEntry entry) {
        SeamEvent event = entry.payload(SeamEvent.class);
        return common(entry, event)
                .type(LOCK_TYPES.getOrDefault(event.eventType(), EventType.UNKNOWN))
                .device(Ref.device(event.deviceId(), null, "lock"))
                .method(method(event))
                .attribute("reason_code", event.reasonCode())
                .build();
    }

    /** action_attempt.&lt;action&gt;.succeeded|failed: the result of a command sent through Seam. */
    public AccessEvent actionAttempt(InboxEntry entry) {
        SeamEvent event = entry.payload(SeamEvent.class);
        String[] parts = event.eventType().split("\\.");
        String result = parts[parts.length - 1];
        EventType type = switch (result) {
            case "succeeded" -> EventType.COMMAND_SUCCEEDED;
            case "failed" -> EventType.COMMAND_FAILED;
            default -> EventType.UNKNOWN;
        };
        return common(entry, event)
                .type(type)
                .device(Ref.device(event.deviceId(), null, null))
                .method(AccessMethod.REMOTE)
                .attribute("action", parts.length == 3 ? parts[1] : null)
                .attribute("action_type", blankToNull(event.actionType()))
                .attribute("status", blankToNull(event.status()))
                .build();
    }

    /** acs_system.*: an access control system joined, connected to or left Seam. */
    public AccessEvent accessSystem(InboxEntry entry) {
        SeamEvent event = entry.payload(SeamEvent.class);
        return common(entry, event)
                .type(SYSTEM_TYPES.getOrDefault(event.eventType(), EventType.UNKNOWN))
                .device(Ref.device(event.acsSystemId(), null, "access_system"))
                .build();
    }

    /** device.*: connectivity, battery and tampering; other device events are stored as unknown. */
    public AccessEvent deviceEvent(InboxEntry entry) {
        SeamEvent event = entry.payload(SeamEvent.class);
        return common(entry, event)
                .type(DEVICE_TYPES.getOrDefault(event.eventType(), EventType.UNKNOWN))
                .device(Ref.device(event.deviceId(), null, null))
                .attribute("battery_level", event.batteryLevel() == null || event.batteryLevel().isNull()
                        ? null : event.batteryLevel().asDouble())
                .attribute("error_code", event.errorCode())
                .build();
    }

    /** Any Seam event Gatehouse does not map yet: kept, with what every Seam event tells. */
    public AccessEvent unknown(InboxEntry entry) {
        SeamEvent event = entry.payload(SeamEvent.class);
        return common(entry, event)
                .type(EventType.UNKNOWN)
                .device(Ref.device(event.deviceId(), null, null))
                .build();
    }

    private static AccessEventBuilder common(InboxEntry entry, SeamEvent event) {
        String occurredAt = event.occurredAt() != null ? event.occurredAt() : event.createdAt();
        return new AccessEventBuilder(entry.id(), entry.vendor(), entry.receivedAt())
                .vendorEvent(entry.vendorEventId(), entry.vendorEventType())
                .occurredAt(Timestamps.parseIso(occurredAt), occurredAt)
                .site(Ref.of(event.workspaceId(), null))
                .door(Ref.of(event.acsEntranceId(), null))
                .actor(Ref.actor(event.acsUserId() != null ? event.acsUserId() : event.userIdentityId(), null, null))
                .attribute("connected_account_id", event.connectedAccountId())
                .attribute("access_code_id", event.accessCodeId())
                .attribute("action_attempt_id", event.actionAttemptId())
                .attribute("acs_system_id", event.acsSystemId());
    }

    /**
     * Seam's method says what was used; the bluetooth / NFC flags say how a remote or undetermined action reached
     * the lock, so they refine only those two.
     */
    static AccessMethod method(SeamEvent event) {
        String method = event.method() == null ? "unknown" : event.method();
        AccessMethod named = switch (method) {
            case "keycode" -> AccessMethod.KEYCODE;
            case "manual" -> AccessMethod.MANUAL;
            case "automatic" -> AccessMethod.AUTOMATIC;
            case "remote" -> AccessMethod.REMOTE;
            case "card" -> AccessMethod.CARD;
            default -> AccessMethod.UNKNOWN;
        };
        if (named == AccessMethod.REMOTE || named == AccessMethod.UNKNOWN) {
            if (Boolean.TRUE.equals(event.viaNfc())) {
                return AccessMethod.NFC;
            }
            if (Boolean.TRUE.equals(event.viaBluetooth())) {
                return AccessMethod.BLUETOOTH;
            }
        }
        return named;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
