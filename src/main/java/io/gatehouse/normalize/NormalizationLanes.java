package io.gatehouse.normalize;

import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

import io.gatehouse.definitions.VendorCatalog;
import io.gatehouse.inbox.InboxEntry;

/**
 * Which lane a stored event is normalized in (routes/ingress/inbox.camel.yaml): routine traffic, or an event that
 * may raise an alert. Each lane has its own threads and queue, so that under a burst of badge-ins a forced door is
 * normalized and alerted at once instead of behind thousands of routine events. The vendor's type table tells
 * (its rows marked {@code routine: true}), from the payload parsed at ingress; the rest goes to the alert lane.
 */
@Component
public class NormalizationLanes {

    private final VendorCatalog catalog;

    public NormalizationLanes(VendorCatalog catalog) {
        this.catalog = catalog;
    }

    public boolean isRoutine(@ExchangeProperty("inboxEntry") InboxEntry entry) {
        try {
            return catalog.get(entry.vendor()).classify(entry.vendorEventType(), entry.payload()).routine();
        } catch (RuntimeException e) {
            return false; // when unsure, the alert lane: normalization then records what failed
        }
    }
}
