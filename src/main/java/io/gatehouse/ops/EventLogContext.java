package io.gatehouse.ops;

import static io.gatehouse.telemetry.LogFields.ALERT_ID;
import static io.gatehouse.telemetry.LogFields.CHANNEL;
import static io.gatehouse.telemetry.LogFields.EVENT_ID;
import static io.gatehouse.telemetry.LogFields.VENDOR;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.AsyncCallback;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.spi.InterceptStrategy;
import org.apache.camel.support.processor.DelegateAsyncProcessor;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

import io.gatehouse.delivery.Delivery;
import io.gatehouse.delivery.DeliveryOutcomes;
import io.gatehouse.event.AccessEvent;
import io.gatehouse.inbox.InboxEntry;
import io.gatehouse.ingress.IngressExchange;

/**
 * Puts the event a route step works on into the logging MDC ({@code eventId}, {@code vendor}; for a delivery also
 * {@code alertId} and {@code channel}, the event being the alert's trigger), so that every log line about it
 * carries them, the JSON logs as fields.
 *
 * <p>An intercept strategy, because it wraps every step of every route in one place: no route has to remember to
 * set or clear anything, and the keys come from the exchange properties the routes already carry, on whatever
 * thread the step runs (a normalization lane's, the delivery poller's). The previous MDC is restored
 * after each step, so a pooled thread never carries one event's id into the next.
 */
@Component
public class EventLogContext implements InterceptStrategy {

    @Override
    public Processor wrapProcessorInInterceptors(CamelContext context, NamedNode definition, Processor target,
                                                 Processor nextTarget) {
        return new DelegateAsyncProcessor(target) {
            @Override
            public boolean process(Exchange exchange, AsyncCallback callback) {
                Map<String, String> keys = keysOf(exchange);
                // a step inside another (a choice's branch, a bean in a split) usually finds its keys already set by
                // the step around it, which restores the MDC afterwards: no copy then, it runs for every step
                if (keys.isEmpty() || alreadyInMdc(keys)) {
                    return processor.process(exchange, callback);
                }
                Map<String, String> previous = MDC.getCopyOfContextMap();
                keys.forEach(MDC::put);
                try {
                    return processor.process(exchange, callback);
                } finally {
                    if (previous == null) {
                        MDC.clear();
                    } else {
                        MDC.setContextMap(previous);
                    }
                }
            }
        };
    }

    /** The MDC keys for what this exchange is about; empty when it is about no event or delivery yet. */
    static Map<String, String> keysOf(Exchange exchange) {
        Map<String, String> keys = new LinkedHashMap<>();
        if (exchange.getProperty(IngressExchange.VENDOR) instanceof String vendor) {   // no type converter
            keys.put(VENDOR, vendor);
        }
        if (exchange.getProperty("accessEvent") instanceof AccessEvent event) {
            keys.put(EVENT_ID, event.id());
            keys.put(VENDOR, event.vendor());
        } else if (exchange.getProperty("inboxEntry") instanceof InboxEntry entry) {
            keys.put(EVENT_ID, entry.id());
            keys.put(VENDOR, entry.vendor());
        }
        if (exchange.getProperty(DeliveryOutcomes.DELIVERY) instanceof Delivery delivery) {
            putIfKnown(keys, EVENT_ID, delivery.eventId());
            putIfKnown(keys, VENDOR, delivery.vendor());
            keys.put(ALERT_ID, delivery.alertId());
            keys.put(CHANNEL, delivery.channel());
        }
        return keys;
    }

    private static boolean alreadyInMdc(Map<String, String> keys) {
        for (Map.Entry<String, String> key : keys.entrySet()) {
            if (!key.getValue().equals(MDC.get(key.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static void putIfKnown(Map<String, String> keys, String key, String value) {
        if (value != null) {
            keys.put(key, value);
        }
    }
}
