package io.gatehouse.vendor;

/**
 * Implemented by each vendor's normalizer bean, so that code outside the vendor's package (the inbox recovery)
 * can parse a stored payload without knowing the vendor.
 */
public interface VendorNormalizer {

    /** The vendor's name as it appears in /webhooks/{vendor}, the database and the API. */
    String vendor();

    /** The Jackson model the vendor's ingress route unmarshals into. */
    Class<? extends VendorEvent> payloadType();
}
