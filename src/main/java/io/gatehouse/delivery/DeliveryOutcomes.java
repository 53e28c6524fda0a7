package io.gatehouse.delivery;

import java.time.Duration;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.gatehouse.telemetry.GatehouseMetrics;

/** Records what became of a delivery attempt, for routes/deliver/deliveries.camel.yaml. */
@Component
public class DeliveryOutcomes {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryOutcomes.class);
    /** Exchange property holding the {@link Delivery} being sent. */
    public static final String DELIVERY = "gatehouseDelivery";

    private final DeliveryQueue queue;
    private final GatehouseMetrics metrics;

    public DeliveryOutcomes(DeliveryQueue queue, GatehouseMetrics metrics) {
        this.queue = queue;
        this.metrics = metrics;
    }

    public void sent(Exchange exchange) {
        Delivery delivery = exchange.getProperty(DELIVERY, Delivery.class);
        queue.sent(delivery);
        metrics.deliverySent(delivery.channel(), delivery.createdAt());
        LOG.info("alert {} delivered to {} (attempt {})", delivery.alertId(), delivery.channel(), delivery.attempt());
    }

    public void failed(Exchange exchange) {
        Delivery delivery = exchange.getProperty(DELIVERY, Delivery.class);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Duration retryAfter = cause instanceof DeliveryFailedException failure ? failure.retryAfter() : null;
        boolean permanent = cause instanceof DeliveryFailedException failure && failure.permanent();
        String error = cause == null ? "unknown error"
                : cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        String status = queue.failed(delivery, permanent ? error + " (permanent: not retried)" : error, retryAfter,
                permanent);
        metrics.delivery(delivery.channel(), "failed".equals(status) ? "failed" : "retrying");
        LOG.warn("alert {} not delivered to {} (attempt {}): {}; now {}", delivery.alertId(), delivery.channel(),
                delivery.attempt(), cause == null ? "unknown" : cause.getClass().getSimpleName(), status);
    }
}
