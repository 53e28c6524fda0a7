package io.gatehouse.event;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Canonical event types, each with the severity it has unless the operator configures another. */
public enum EventType {
    LOCK_LOCKED("lock.locked", Severity.INFO),
    LOCK_UNLOCKED("lock.unlocked", Severity.INFO),
    LOCK_JAMMED("lock.jammed", Severity.WARNING),
    LOCK_STATE_CHANGED("lock.state_changed", Severity.INFO),
    ACCESS_GRANTED("access.granted", Severity.INFO),
    ACCESS_DENIED("access.denied", Severity.WARNING),
    /** Added for Verkada's anti-passback notifications (a credential used twice in one direction). */
    ACCESS_ANTI_PASSBACK("access.anti_passback", Severity.WARNING),
    DOOR_OPENED("door.opened", Severity.INFO),
    DOOR_CLOSED("door.closed", Severity.INFO),
    DOOR_HELD_OPEN("door.held_open", Severity.WARNING),
    DOOR_FORCED_OPEN("door.forced_open", Severity.CRITICAL),
    /** Added for Verkada's tailgating notifications (more people passed than credentials shown). */
    DOOR_TAILGATING("door.tailgating", Severity.WARNING),
    /** Added for Tedee's bell button. */
    DOORBELL_PRESSED("doorbell.pressed", Severity.INFO),
    /** Added for UniFi Access: a doorbell call answered, declined, timed out or cancelled (the reason an attribute). */
    DOORBELL_ENDED("doorbell.ended", Severity.INFO),
    LOCKDOWN_STARTED("lockdown.started", Severity.CRITICAL),
    LOCKDOWN_ENDED("lockdown.ended", Severity.WARNING),
    /** Added for UniFi Access's emergency mode: an evacuation holds the doors unlocked. */
    EVACUATION_STARTED("evacuation.started", Severity.CRITICAL),
    DEVICE_CONNECTED("device.connected", Severity.INFO),
    DEVICE_DISCONNECTED("device.disconnected", Severity.WARNING),
    DEVICE_BATTERY_LOW("device.battery_low", Severity.WARNING),
    DEVICE_TAMPERED("device.tampered", Severity.CRITICAL),
    /** Added for Nuki's jammed door sensor: a device that can no longer report what it watches. */
    DEVICE_FAULT("device.fault", Severity.WARNING),
    /** Added for device reports that change nothing security-relevant (a new name, a battery level that is fine). */
    DEVICE_UPDATED("device.updated", Severity.INFO),
    COMMAND_SUCCEEDED("command.succeeded", Severity.INFO),
    COMMAND_FAILED("command.failed", Severity.WARNING),
    SYSTEM_ADDED("system.added", Severity.INFO),
    SYSTEM_CONNECTED("system.connected", Severity.INFO),
    SYSTEM_DISCONNECTED("system.disconnected", Severity.WARNING),
    UNKNOWN("unknown", Severity.INFO);

    private static final Map<String, EventType> BY_CODE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::code, Function.identity()));

    private final String code;
    private final Severity defaultSeverity;

    EventType(String code, Severity defaultSeverity) {
        this.code = code;
        this.defaultSeverity = defaultSeverity;
    }

    /** The name used in the API, the database and rules, e.g. {@code door.forced_open}. */
    public String code() {
        return code;
    }

    /** What a person reads, e.g. "Door forced open". */
    public String label() {
        String words = code.replace('.', ' ').replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    public Severity defaultSeverity() {
        return defaultSeverity;
    }

    public static Optional<EventType> fromCode(String code) {
        return Optional.ofNullable(code == null ? null : BY_CODE.get(code));
    }

    @Override
    public String toString() {
        return code;
    }
}
