package io.gatehouse.definitions;

import java.util.LinkedHashMap;
import java.util.Map;

import io.gatehouse.event.AccessMethod;
import io.gatehouse.event.Outcome;

/**
 * Where each canonical field comes from in a vendor's payload. A type row's own mappings replace the vendor's,
 * field by field (attributes name by name); a field without a mapping stays unknown.
 */
public record FieldMappings(TimeMapping occurredAt, RefMapping device, RefMapping door, RefMapping site,
                            RefMapping actor, CodeMapping<AccessMethod> method, CodeMapping<Outcome> outcome,
                            Map<String, PayloadExpression> attributes) {

    public static final FieldMappings NONE = new FieldMappings(null, null, null, null, null, null, null, Map.of());

    /** These mappings, falling back to {@code base} where they have none. */
    FieldMappings over(FieldMappings base) {
        Map<String, PayloadExpression> merged = new LinkedHashMap<>(base.attributes);
        merged.putAll(attributes);
        return new FieldMappings(occurredAt != null ? occurredAt : base.occurredAt,
                device != null ? device : base.device, door != null ? door : base.door,
                site != null ? site : base.site, actor != null ? actor : base.actor,
                method != null ? method : base.method, outcome != null ? outcome : base.outcome,
                Map.copyOf(merged));
    }

    /** When the event happened, and how the vendor writes it. */
    public record TimeMapping(PayloadExpression value, TimeFormat format) {
    }

    public enum TimeFormat { ISO, EPOCH_SECONDS, EPOCH_MILLIS }

    /** A device, door, site or actor: each part may be missing. */
    public record RefMapping(PayloadExpression id, PayloadExpression name, PayloadExpression kind,
                             PayloadExpression email) {
    }

    /**
     * A vendor value turned into a canonical code: through {@code map} when there is one, else the value itself
     * must be the code. Any other value is {@code unknown}.
     */
    public record CodeMapping<E extends Enum<E>>(PayloadExpression value, Map<String, E> map, E unknown) {

        public E resolve(Object payload) {
            String text = value.text(payload);
            if (text == null) {
                return unknown;
            }
            E mapped = map.get(text);
            return mapped != null ? mapped : unknown;
        }
    }
}
