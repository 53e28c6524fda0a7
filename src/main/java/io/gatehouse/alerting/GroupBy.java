package io.gatehouse.alerting;

import java.util.Locale;

import io.gatehouse.event.AccessEvent;
import io.gatehouse.event.Ref;

/** What a threshold counts per, and what a throttle silences per. */
public enum GroupBy {
    DOOR, DEVICE, ACTOR, SITE;

    /** The group an event falls in: the thing's id, else its name, else "none". */
    public String keyOf(AccessEvent event) {
        Ref ref = switch (this) {
            case DOOR -> event.door() != null ? event.door() : event.device();
            case DEVICE -> event.device();
            case ACTOR -> event.actor();
            case SITE -> event.site();
        };
        String key = ref == null ? null : (ref.id() != null ? ref.id() : ref.name());
        return name().toLowerCase(Locale.ROOT) + ":" + (key == null ? "none" : key);
    }
}
