package io.gatehouse.delivery;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import io.gatehouse.alerting.ActiveRules;
import io.gatehouse.alerting.AlertQueries;
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

    private final AlertQueries alerts;
    private final AlertText text;
    private final ActiveRules rules;
    private final PlainTextField vendorText;

    public LogMessages(AlertQueries alerts, AlertText text, ActiveRules rules, PlainTextField vendorText) {
        this.alerts = alerts;
        this.text = text;
        this.rules = rules;
        this.vendorText = vendorText;
    }

    public void build(Exchange exchange) {
        Delivery delivery = exchange.getIn().getBody(Delivery.class);
        LogTarget target = rules.current().channels().log().get(delivery.channel());
        if (target == null) {
            throw new IllegalStateException("channel " + delivery.channel() + " is no longer configured");
        }
        String plain = text.plain(alerts.get(delivery.alertId()).orElseThrow(), vendorText::clean);
        exchange.getIn().setBody("ALERT " + oneLine(plain) + " | alert " + delivery.alertId());
        exchange.setProperty(ENDPOINT, "log:" + target.logger() + "?level=WARN&plain=true");
    }

    static String oneLine(String text) {
        return Arrays.stream(text.split("\\R")).map(String::strip).filter(line -> !line.isEmpty())
                .collect(Collectors.joining(" | "));
    }
}
