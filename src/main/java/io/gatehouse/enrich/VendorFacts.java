package io.gatehouse.enrich;

/**
 * What the vendor's API said about one event's device and access code (null when not asked or not known), and
 * whether a lookup failed or timed out.
 */
public record VendorFacts(VendorName device, VendorName accessCode, boolean failed) {

    public static final VendorFacts NOTHING = new VendorFacts(null, null, false);
    public static final VendorFacts FAILED = new VendorFacts(null, null, true);
}
