package io.gatehouse.event;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds an {@link AccessEvent} step by step, so each vendor's mappings set only what its vendor knows. */
public final class AccessEventBuilder {

    private final String id;
    private final String vendor;
    private final Instant receivedAt;
    private String vendorEventId;
    private String vendorEventType;
    private EventType type = EventType.UNKNOWN;
    private Severity severity;
    private Outcome outcome;
    private Instant occurredAt;
    private Object occurredAtAsSent;
    private Ref device;
    private Ref door;
    private Ref site;
    private Ref actor;
    private AccessMethod method = AccessMethod.UNKNOWN;
    private final Map<String, Object> attributes = new LinkedHashMap<>();

    /** The attribute holding a vendor's time that could not date the event ({@link #occurredAt(Instant, Object)}). */
    public static final String OCCURRED_AT_AS_SENT = "occurred_at_as_sent";

    public AccessEventBuilder(String id, String vendor, Instant receivedAt) {
        this.id = id;
        this.vendor = vendor;
        this.receivedAt = receivedAt;
    }

    public AccessEventBuilder vendorEvent(String eventId, String eventType) {
        this.vendorEventId = eventId;
        this.vendorEventType = eventType;
        return this;
    }

    public AccessEventBuilder type(EventType value) {
        this.type = value;
        return this;
    }

    /** The severity this vendor gives such events; null (the default) for the canonical type's own. */
    public AccessEventBuilder severity(Severity value) {
        this.severity = value;
        return this;
    }

    public AccessEventBuilder outcome(Outcome value) {
        this.outcome = value;
        return this;
    }

    public AccessEventBuilder occurredAt(Instant value) {
        return occurredAt(value, null);
    }

    /**
     * When the event happened, as parsed from {@code asSent}, the vendor's own value (text or number). When the
     * parsed time is missing or not {@link PlausibleTime plausible}, the event is dated by its receipt and
     * {@code asSent} is kept as the attribute {@value #OCCURRED_AT_AS_SENT}.
     */
    public AccessEventBuilder occurredAt(Instant value, Object asSent) {
        this.occurredAt = value;
        this.occurredAtAsSent = asSent;
        return this;
    }

    public AccessEventBuilder device(Ref value) {
        this.device = value;
        return this;
    }

    public AccessEventBuilder door(Ref value) {
        this.door = value;
        return this;
    }

    public AccessEventBuilder site(Ref value) {
        this.site = value;
        return this;
    }

    public AccessEventBuilder actor(Ref value) {
        this.actor = value;
        return this;
    }

    public AccessEventBuilder method(AccessMethod value) {
        this.method = value == null ? AccessMethod.UNKNOWN : value;
        return this;
    }

    /** Adds a vendor fact that has no column; null values are left out. */
    public AccessEventBuilder attribute(String name, Object value) {
        if (value != null) {
            attributes.put(name, value);
        }
        return this;
    }

    public AccessEvent build() {
        boolean plausible = PlausibleTime.of(occurredAt, receivedAt);
        if (!plausible && occurredAtAsSent != null) {
            attributes.put(OCCURRED_AT_AS_SENT, occurredAtAsSent);
        } else if (!plausible && occurredAt != null) {
            attributes.put(OCCURRED_AT_AS_SENT, occurredAt.toString());
        }
        return new AccessEvent(id, vendor, vendorEventId, vendorEventType, type, severity != null ? severity : type.defaultSeverity(),
                outcome == null ? defaultOutcome(type) : outcome,
                plausible ? occurredAt : receivedAt, receivedAt,
                device, door, site, actor, method, Map.copyOf(attributes), null, null);
    }

    private static Outcome defaultOutcome(EventType type) {
        return switch (type) {
            case ACCESS_GRANTED, COMMAND_SUCCEEDED, LOCK_LOCKED, LOCK_UNLOCKED -> Outcome.SUCCESS;
            case ACCESS_DENIED, ACCESS_ANTI_PASSBACK -> Outcome.DENIED;
            case COMMAND_FAILED, LOCK_JAMMED -> Outcome.FAILURE;
            default -> Outcome.UNKNOWN;
        };
    }
}
