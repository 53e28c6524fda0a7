package io.gatehouse.delivery;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import io.gatehouse.alerting.ActiveRules;
import io.gatehouse.alerting.AlertQueries.AlertView;
import io.gatehouse.alerting.Channels.LogTarget;

/**
 * Builds the log line of a delivery to a {@code log:} channel: the plain text email carries, its vendor text made
 * safe by {@link PlainTextField} and its lines joined into one, so that a name sent by a vendor cannot start a log
 * line of its own; and the camel-log endpoint of the channel's logger.
 */
@Component
public class LogMessages {

    /** Exchange property holding the camel-log endpoint URI. */
    public static final String ENDPOINT = "gatehouseLogEndpoint";

    private final AlertText text;
    private final ActiveRules rules;
    private final PlainTextField vendorText;

    public LogMessages(AlertText text, ActiveRules rules, PlainTextField vendorText) {
        this.text = text;
        this.rules = rules;
        this.vendorText = vendorText;
    }

    /** Body: the alert (routes/deliver/deliveries.camel.yaml); the delivery is the exchange property. */
    public void build(Exchange exchange) {
        Delivery delivery = exchange.getProperty(DeliveryOutcomes.DELIVERY, Delivery.class);
        LogTarget target = ChannelTargets.inForce(rules.current().channels().log(), delivery.channel(),
                any -> true);
        String plain = text.plain(exchange.getIn().getBody(AlertView.class), vendorText::clean);
        exchange.getIn().setBody("ALERT " + oneLine(plain) + " | alert " + delivery.alertId());
        exchange.setProperty(ENDPOINT, "log:" + target.logger() + "?level=WARN&plain=true");
    }

    static String oneLine(String text) {
        return Arrays.stream(text.split("\\R")).map(String::strip).filter(line -> !line.isEmpty())
                .collect(Collectors.joining(" | "));
    }
}
