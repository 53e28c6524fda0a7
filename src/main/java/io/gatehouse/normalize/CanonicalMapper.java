package io.gatehouse.normalize;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.camel.Body;
import org.apache.camel.Variable;
import org.springframework.stereotype.Component;

import io.gatehouse.definitions.FieldMappings;
import io.gatehouse.definitions.FieldMappings.RefMapping;
import io.gatehouse.definitions.FieldMappings.TimeMapping;
import io.gatehouse.definitions.PayloadExpression;
import io.gatehouse.definitions.TypeMapping;
import io.gatehouse.definitions.VendorCatalog;
import io.gatehouse.event.AccessEvent;
import io.gatehouse.event.AccessEventBuilder;
import io.gatehouse.event.Ref;
import io.gatehouse.inbox.InboxEntry;

/**
 * Turns a stored event into the canonical access event by its vendor's definition: the row of the type table it
 * falls under (routes/normalize/normalize.camel.yaml routes on it), then that row's field mappings.
 */
@Component
public class CanonicalMapper {

    private final VendorCatalog catalog;

    public CanonicalMapper(VendorCatalog catalog) {
        this.catalog = catalog;
    }

    /** The row of the vendor's type table this event falls under; {@code unknown} when none names it. */
    public TypeMapping classify(@Body InboxEntry entry) {
        return catalog.get(entry.vendor()).classify(entry.vendorEventType(), entry.payload());
    }

    public AccessEvent map(@Body InboxEntry entry, @Variable("typeMapping") TypeMapping row) {
        Object payload = entry.payload();
        FieldMappings fields = row.fields();
        AccessEventBuilder event = new AccessEventBuilder(entry.id(), entry.vendor(), entry.receivedAt())
                .vendorEvent(entry.vendorEventId(), entry.vendorEventType())
                .type(row.canonical())
                .severity(row.severity())
                .device(ref(fields.device(), payload))
                .door(ref(fields.door(), payload))
                .site(ref(fields.site(), payload))
                .actor(ref(fields.actor(), payload));
        if (fields.occurredAt() != null) {
            occurredAt(event, fields.occurredAt(), fields.occurredAt().value().evaluate(payload));
        }
        if (fields.method() != null) {
            event.method(fields.method().resolve(payload));
        }
        if (fields.outcome() != null) {
            event.outcome(fields.outcome().resolve(payload));
        }
        for (Map.Entry<String, PayloadExpression> attribute : fields.attributes().entrySet()) {
            event.attribute(attribute.getKey(), scalar(attribute.getValue().evaluate(payload)));
        }
        return event.build();
    }

    private static Ref ref(RefMapping mapping, Object payload) {
        if (mapping == null) {
            return null;
        }
        String id = text(mapping.id(), payload);
        String name = text(mapping.name(), payload);
        String email = text(mapping.email(), payload);
        return id == null && name == null && email == null ? null
                : new Ref(id, name, text(mapping.kind(), payload), email);
    }

    private static String text(PayloadExpression expression, Object payload) {
        return expression == null ? null : expression.text(payload);
    }

    /**
     * When the event happened: the mapping may give several candidates ({@code [data.eventTime, timestamp]}), of
     * which the first that reads as a time counts. When none does, the event is dated by its receipt and the first
     * value sent is kept ({@link AccessEventBuilder#occurredAt(Instant, Object)}).
     */
    private static void occurredAt(AccessEventBuilder event, TimeMapping mapping, Object value) {
        List<?> candidates = value instanceof List<?> list ? list : java.util.Collections.singletonList(value);
        Object firstSent = null;
        for (Object candidate : candidates) {
            Instant time = time(mapping, candidate);
            if (time != null) {
                event.occurredAt(time, candidate);
                return;
            }
            if (firstSent == null) {
                firstSent = candidate;
            }
        }
        event.occurredAt(null, firstSent);
    }

    /** The vendor's time in the format its definition names; null when it cannot be read. */
    static Instant time(TimeMapping mapping, Object value) {
        return switch (mapping.format()) {
            case ISO -> value instanceof String text ? Timestamps.parseIso(text) : null;
            case EPOCH_SECONDS -> Timestamps.fromEpochSeconds(number(value));
            case EPOCH_MILLIS -> {
                Long millis = number(value);
                yield millis == null ? null : Timestamps.fromEpochSeconds(Math.floorDiv(millis, 1000L))
                        .plusMillis(Math.floorMod(millis, 1000L));
            }
        };
    }

    private static Long number(Object value) {
        if (value instanceof Number number) {
            return number.longValue();
        }
        if (value instanceof String text && text.strip().matches("-?[0-9]{1,18}")) {
            return Long.parseLong(text.strip());
        }
        return null;
    }

    /** Attributes hold the vendor's scalar values; blank text and objects are left out. */
    private static Object scalar(Object value) {
        if (value instanceof String text) {
            return text.isBlank() ? null : text;
        }
        return value instanceof Number || value instanceof Boolean ? value : null;
    }
}
