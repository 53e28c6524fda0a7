package io.gatehouse.definitions;

import java.util.List;

/**
 * Everything Gatehouse knows of one vendor, read from its definition file.
 *
 * @param name      the vendor's name in the database, rules, the API and {@code gatehouse.vendors.<name>}
 * @param path      where its webhooks arrive, {@code /webhooks/<something>}
 * @param file      the definition file, for messages
 * @param eventType where the vendor's event type is in its payload
 * @param eventId   the vendor's id of the event, when it has one (else null)
 * @param dedupKey  what a redelivery of the same event has in common (else null: the delivery id, or the body's
 *                  digest, is used)
 * @param dedupWindow how long a key read from the body's digest stands for one event (null: for ever): a vendor
 *                  that sends neither an id nor a time sends the same body again for a new event
 * @param directory the vendor directory API that names its devices (enrichment), or null
 * @param types     the type table, first matching row first
 * @param unknown   the row of event types the table does not name
 */
public record VendorDefinition(String name, String path, String file, OriginProof origin,
                               PayloadExpression eventType, PayloadExpression eventId, PayloadExpression dedupKey,
                               java.time.Duration dedupWindow, String directory, List<TypeMapping> types, TypeMapping unknown) {

    /** The row of the type table that an event of this type (and payload) falls under. */
    public TypeMapping classify(String vendorType, Object payload) {
        if (vendorType != null) {
            for (TypeMapping row : types) {
                if (row.matches(vendorType, payload)) {
                    return row;
                }
            }
        }
        return unknown;
    }
}
