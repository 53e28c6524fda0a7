package io.gatehouse.delivery;

import org.springframework.stereotype.Component;

import io.gatehouse.alerting.AlertQueries;
import io.gatehouse.alerting.AlertQueries.AlertView;

/** Reads the alert a delivery carries, with its events, for the channel's message. */
@Component
public class DeliveryAlerts {

    private final AlertQueries alerts;

    public DeliveryAlerts(AlertQueries alerts) {
        this.alerts = alerts;
    }

    public AlertView load(Delivery delivery) {
        return alerts.get(delivery.alertId()).orElseThrow(() -> new IllegalStateException("alert "
                + delivery.alertId() + " of delivery " + delivery.id() + " no longer exists (purged by retention?)"));
    }
}
