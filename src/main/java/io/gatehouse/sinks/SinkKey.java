package io.gatehouse.sinks;

import io.gatehouse.event.AccessEvent;
import io.gatehouse.event.Ref;

/**
 * What a Kafka record is keyed by. Kafka keeps one key's records in order (one partition), so the key says whose
 * events a consumer sees in order: one site's, one door's or one device's.
 */
public enum SinkKey {
    SITE, DOOR, DEVICE;

    /** The id of the event's site, door or device (its name when it has no id); null when the event has none. */
    public String of(AccessEvent event) {
        Ref ref = switch (this) {
            case SITE -> event.site();
            case DOOR -> event.door();
            case DEVICE -> event.device();
        };
        if (ref == null) {
            return null;
        }
        return ref.id() != null ? ref.id() : ref.name();
    }
}
