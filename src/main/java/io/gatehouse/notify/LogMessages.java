package io.gatehouse.notify;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import io.gatehouse.notify.Channels.LogTarget;
import io.gatehouse.rules.ActiveRules;
import io.gatehouse.store.AlertQueries;

/**
 * Builds the log line of a delivery to a {@code log:} channel: the plain text Slack and email carry, on one line so
 * that a name sent by a vendor cannot start a log line of its own, and the camel-log endpoint of the channel's
 * logger.
 */
@Component
public class LogMessages {

    /** Exchange property holding the camel-log endpoint URI. */
    public static final String ENDPOINT = "gatehouseLogEndpoint";

    private final AlertQueries alerts;
    private final AlertText text;
    private final ActiveRules rules;
    private final PlainTextField plain;

    public LogMessages(AlertQueries alerts, AlertText text, ActiveRules rules, PlainTextField plain) {
        this.alerts = alerts;
        this.text = text;
        this.rules = rules;
        this.plain = plain;
    }

    public void build(Exchange exchange) {
        Delivery delivery = exchange.getIn().getBody(Delivery.class);
        LogTarget target = rules.current().channels().log().get(delivery.channel());
        if (target == null) {
            throw new IllegalStateException("channel " + delivery.channel() + " is no longer configured");
        }
        // vendor text as in an email's plain-text part: one line, no control or format characters, no links
        String body = text.plain(alerts.get(delivery.alertId()).orElseThrow(), plain::clean);
        exchange.getIn().setBody("ALERT " + oneLine(body) + " | alert " + delivery.alertId());
        exchange.setProperty(ENDPOINT, "log:" + target.logger() + "?level=WARN&plain=true");
    }

    static String oneLine(String text) {
        return Arrays.stream(text.split("\\R")).map(String::strip).filter(line -> !line.isEmpty())
                .collect(Collectors.joining(" | "));
    }
}
