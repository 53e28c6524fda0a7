package io.gatehouse.event;

import java.util.Locale;

/**
 * How far Gatehouse could put names to an event's ids (device, door, site, person, access code) before rules and
 * storage saw it.
 */
public enum Enrichment {
    /** Every id the event carries has a name. */
    ENRICHED,
    /** Some ids have a name, others are known neither to the directory nor to the vendor. */
    PARTIAL,
    /** No id has a name. */
    NONE,
    /** A vendor lookup failed or timed out: the event went on with what the directory and the webhook gave. */
    FAILED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Enrichment fromCode(String code) {
        return code == null ? null : valueOf(code.toUpperCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return code();
    }
}
