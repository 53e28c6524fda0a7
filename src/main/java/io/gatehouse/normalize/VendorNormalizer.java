package io.gatehouse.normalize;

import io.gatehouse.inbox.VendorEvent;

/**
 * Implemented by each vendor's normalizer bean, so that code outside the vendor's package (the inbox recovery)
 * can parse a stored payload without knowing the vendor.
 */
public interface VendorNormalizer {

    /** The vendor's name as it appears in /webhooks/{vendor}, the database and the API. */
    String vendor();

    /** The Jackson model the vendor's ingress route unmarshals into. */
    Class<? extends VendorEvent> payloadType();

    /**
     * Whether the event is routine traffic (a door opened, a badge accepted, a lock locked) that no alert is expected
     * for, told from the vendor's payload before normalization. Routine events are normalized on their own threads
     * and queue, so that a backlog of them never delays an event that may raise an alert. When unsure: false.
     */
    default boolean isRoutine(VendorEvent payload) {
        return false;
    }
}
