package io.gatehouse.ingress;

/** Names of the exchange properties the ingress routes share; properties, unlike headers, never reach a producer. */
public final class IngressExchange {

    /** The vendor whose endpoint received the request, set first thing by each ingress route. */
    public static final String VENDOR = "gatehouseVendor";
    /**
     * The request body exactly as received, as bytes; once the signature is verified, less a leading UTF-8 byte
     * order mark ({@link WebhookJson}).
     */
    public static final String RAW_BODY = "gatehouseRawBody";
    /** When Gatehouse received the request. */
    public static final String RECEIVED_AT = "gatehouseReceivedAt";
    /** The vendor's id for this delivery (Seam's svix-id), a de-duplication fallback. */
    public static final String DELIVERY_ID = "gatehouseDeliveryId";

    private IngressExchange() {
    }
}
