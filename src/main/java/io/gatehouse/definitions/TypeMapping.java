package io.gatehouse.definitions;

import java.util.regex.Pattern;

import io.gatehouse.event.EventType;
import io.gatehouse.event.Severity;

/**
 * One row of a vendor's type table: the vendor's event type (exact, or a pattern where {@code *} stands for any
 * text) and an optional condition on the payload, the canonical type it becomes, whether it is routine traffic
 * (normalized in the routine lane, never delaying an alert), its severity, and the field mappings of its own.
 *
 * @param severity null for the canonical type's default
 */
public record TypeMapping(String vendorType, Pattern pattern, PayloadExpression when, EventType canonical,
                          boolean routine, Severity severity, FieldMappings fields) {

    /** The row of every event type the table does not name: stored as {@code unknown}, never dropped. */
    static TypeMapping unknown(FieldMappings fields) {
        return new TypeMapping(null, null, null, EventType.UNKNOWN, false, null, fields);
    }

    boolean matches(String type, Object payload) {
        return pattern.matcher(type).matches() && (when == null || when.test(payload));
    }

    /** Whether the vendor's type table names this event; false for the {@code unknown} row. */
    public boolean known() {
        return pattern != null;
    }
}
