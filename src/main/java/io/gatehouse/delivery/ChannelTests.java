package io.gatehouse.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.gatehouse.alerting.AlertQueries.AlertView;

/**
 * The test-send of POST /api/channels/{name}/test: a clearly marked test alert, never stored, sent at once through
 * the channel's real route (routes/deliver/deliveries.camel.yaml, send-to-channel), bypassing the queue, so that an
 * operator sees at once whether the channel takes alerts, and if not, why.
 */
@Component
public class ChannelTests {

    /** The rule the test alert names: what every channel shows first. */
    public static final String TEST_RULE = "TEST from Gatehouse: channel check, no action needed";
    private static final String TEST_ID_PREFIX = "test-";
    private static final Logger LOG = LoggerFactory.getLogger(ChannelTests.class);

    private final ProducerTemplate producer;
    private final Clock clock;

    public ChannelTests(ProducerTemplate producer, Clock clock) {
        this.producer = producer;
        this.clock = clock;
    }

    /** What became of a test-send; {@code error} and {@code permanent} as a delivery would record them. */
    public record Outcome(String channel, boolean sent, String error, boolean permanent) {
    }

    public static boolean isTest(AlertView alert) {
        return alert.id().startsWith(TEST_ID_PREFIX);
    }

    /** Sends the test alert to a configured channel (the caller checked it exists and has a target). */
    public Outcome send(String channel) {
        String id = TEST_ID_PREFIX + UUID.randomUUID();
        Instant now = clock.instant();
        AlertView alert = new AlertView(id, TEST_RULE, "info", "test:" + id, 0, now, List.of(), List.of(), null);
        Delivery delivery = new Delivery(id, id, channel, 1, now, null, null, Delivery.TRIGGER);
        Exchange result = producer.send("direct:send-to-channel", exchange -> {
            exchange.setProperty(DeliveryOutcomes.DELIVERY, delivery);
            exchange.getIn().setBody(alert);
        });
        Exception error = result.getException();
        if (error == null) {
            LOG.info("test alert {} sent to {}", id, channel);
            return new Outcome(channel, true, null, false);
        }
        boolean permanent = error instanceof DeliveryFailedException failure && failure.permanent();
        String reason = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        LOG.warn("test alert {} not sent to {}: {}", id, channel, error.getClass().getSimpleName());
        return new Outcome(channel, false, reason, permanent);
    }
}
