package io.gatehouse.event;

import java.util.EnumMap;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * The severity of each canonical type: the built-in default unless {@code gatehouse.events.severity} names another.
 * An unknown type or severity in that map stops start-up, since a typo would otherwise silently change nothing.
 */
@Component
public class EventSeverities {

    private final Map<EventType, Severity> overrides = new EnumMap<>(EventType.class);

    public EventSeverities(EventsProperties properties) {
        properties.severity().forEach((code, severity) -> {
            EventType type = EventType.fromCode(code).orElseThrow(() -> new IllegalArgumentException(
                    "gatehouse.events.severity: '" + code + "' is not a canonical event type; write keys as "
                            + "\"[door.forced_open]\" and see docs/rules.md#canonical-types-and-severities for the "
                            + "list"));
            try {
                overrides.put(type, Severity.fromCode(severity));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("gatehouse.events.severity[" + code + "]: " + e.getMessage(), e);
            }
        });
    }

    public Severity of(EventType type) {
        return overrides.getOrDefault(type, type.defaultSeverity());
    }

    /**
     * The event with its type's configured severity; without one, the severity its vendor's definition gave it
     * (the type's default unless a row of the type table names another).
     */
    public AccessEvent apply(AccessEvent event) {
        Severity configured = overrides.get(event.type());
        return configured == null ? event : event.withSeverity(configured);
    }
}
