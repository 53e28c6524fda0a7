package io.gatehouse.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.apache.camel.AsyncProcessor;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import io.gatehouse.delivery.Delivery;
import io.gatehouse.delivery.DeliveryOutcomes;
import io.gatehouse.inbox.InboxEntry;
import io.gatehouse.ingress.IngressExchange;
import io.gatehouse.telemetry.LogFields;

class EventLogContextTest {

    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final Map<String, String> seen = new HashMap<>();
    private final Processor recordMdc = exchange -> {
        Map<String, String> mdc = MDC.getCopyOfContextMap();
        if (mdc != null) {
            seen.putAll(mdc);
        }
    };

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void putsTheInboxEntrysIdAndVendorIntoTheMdcForTheStepOnly() throws Exception {
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty("inboxEntry", new InboxEntry("event-1", "tedee", "key", null, "lock-status-changed",
                Instant.now(), "{}", null));
        MDC.put("unrelated", "kept");

        wrapped().process(exchange);

        assertThat(seen).containsEntry(LogFields.EVENT_ID, "event-1")
                .containsEntry(LogFields.VENDOR, "tedee").containsEntry("unrelated", "kept");
        assertThat(MDC.getCopyOfContextMap()).containsExactly(Map.entry("unrelated", "kept"));
    }

    @Test
    void namesOnlyTheVendorBeforeTheEventHasAnId() throws Exception {
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty(IngressExchange.VENDOR, "seam");

        wrapped().process(exchange);

        assertThat(seen).containsEntry(LogFields.VENDOR, "seam").doesNotContainKey(LogFields.EVENT_ID);
        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    }

    @Test
    void namesTheAlertChannelAndTriggeringEventOfADelivery() throws Exception {
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty(DeliveryOutcomes.DELIVERY, new Delivery("d-1", "alert-1", "email:soc", 1, Instant.now(),
                "event-9", "seam", Delivery.TRIGGER));

        wrapped().process(exchange);

        assertThat(seen).containsEntry(LogFields.ALERT_ID, "alert-1")
                .containsEntry(LogFields.CHANNEL, "email:soc")
                .containsEntry(LogFields.EVENT_ID, "event-9").containsEntry(LogFields.VENDOR, "seam");
    }

    @Test
    void aStepInsideAnotherSeesTheSameKeysAndTheMdcIsRestoredOnceBothEnd() throws Exception {
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty("inboxEntry", new InboxEntry("event-2", "seam", "key", null, "lock.locked",
                Instant.now(), "{}", null));
        Processor inner = new EventLogContext().wrapProcessorInInterceptors(camel, null, recordMdc, null);
        Processor outer = new EventLogContext().wrapProcessorInInterceptors(camel, null, inner, null);

        outer.process(exchange);

        assertThat(seen).containsEntry(LogFields.EVENT_ID, "event-2").containsEntry(LogFields.VENDOR, "seam");
        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    }

    @Test
    void aStepForAnotherEventThanTheMdcNamesPutsItsOwnAndRestoresTheFormer() throws Exception {
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty("inboxEntry", new InboxEntry("event-3", "verkada", "key", null, "door_opened",
                Instant.now(), "{}", null));
        MDC.put(LogFields.EVENT_ID, "event-0");
        MDC.put(LogFields.VENDOR, "verkada");

        wrapped().process(exchange);

        assertThat(seen).containsEntry(LogFields.EVENT_ID, "event-3");
        assertThat(MDC.getCopyOfContextMap()).containsOnly(Map.entry(LogFields.EVENT_ID, "event-0"),
                Map.entry(LogFields.VENDOR, "verkada"));
    }

    @Test
    void restoresTheMdcWhenTheStepFails() {
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty(IngressExchange.VENDOR, "verkada");
        Processor failing = ex -> {
            throw new IllegalStateException("boom");
        };

        AsyncProcessor wrapped = (AsyncProcessor) new EventLogContext()
                .wrapProcessorInInterceptors(camel, null, failing, null);
        wrapped.process(exchange, done -> { });

        assertThat(exchange.getException()).hasMessage("boom");
        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    }

    private Processor wrapped() throws Exception {
        return new EventLogContext().wrapProcessorInInterceptors(camel, null, recordMdc, null);
    }
}
