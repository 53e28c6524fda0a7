package io.gatehouse.inbox;

/** What the ingress needs to know of any vendor's payload before it is stored. */
public interface VendorEvent {

    /** The event type as the vendor names it; null when the payload carries none (the webhook is then refused). */
    String eventType();

    /** The vendor's id for this event, when it has one. */
    String vendorEventId();

    /**
     * The key under which a redelivery of the same event is recognised; null when the payload alone cannot tell,
     * in which case the delivery id of the request is used.
     */
    String deduplicationKey();
}
