package io.gatehouse.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import io.gatehouse.alerting.ActiveRules;
import io.gatehouse.alerting.AlertQueries.AlertView;
import io.gatehouse.alerting.Channels.PagerDutyTarget;
import io.gatehouse.event.AccessEvent;
import io.gatehouse.event.Ref;

/**
 * Builds the PagerDuty Events API v2 event of a delivery: a {@code trigger} with the alert's summary, PagerDuty's
 * severity, the facts of its event as custom details and a link to the console; or, for a delivery queued by a
 * rule's resolve-on, a {@code resolve}. Both carry the same {@code dedup_key}, one per rule and group (door,
 * device, actor or site), so that the alerts of one open door are one incident, and its closing resolves it. Vendor
 * text goes through {@link PlainTextField}: PagerDuty shows it as text.
 */
@Component
public class PagerDutyEvents {

    /** PagerDuty's severities are critical, error, warning and info; Gatehouse has no "error". */
    private static final Map<String, String> SEVERITY = Map.of("critical", "critical", "warning", "warning",
            "info", "info");
    private static final int MAX_SUMMARY = 1024;
    private static final int MAX_DEDUP_KEY = 255;

    private final AlertText text;
    private final ActiveRules rules;
    private final PlainTextField plain;
    private final ConsoleProperties console;
    private final ObjectMapper json;
    private final String enqueueUrl;

    public PagerDutyEvents(AlertText text, ActiveRules rules, PlainTextField plain, ConsoleProperties console,
                           ObjectMapper json, PagerDutyProperties pagerDuty) {
        this.text = text;
        this.rules = rules;
        this.plain = plain;
        this.console = console;
        this.json = json;
        this.enqueueUrl = pagerDuty.baseUrl().trim().replaceAll("/+$", "") + "/v2/enqueue";
    }

    /** Body: the alert; becomes the {@link ChannelRequest} for {@link ChannelHttp}. PagerDuty's 400 is permanent. */
    public ChannelRequest build(Exchange exchange) {
        Delivery delivery = exchange.getProperty(DeliveryOutcomes.DELIVERY, Delivery.class);
        PagerDutyTarget target = ChannelTargets.inForce(rules.current().channels().pagerduty(), delivery.channel(),
                PagerDutyTarget::configured);
        AlertView alert = exchange.getIn().getBody(AlertView.class);
        ObjectNode event = delivery.resolves()
                ? resolve(alert, target.routingKey()) : trigger(alert, target.routingKey());
        try {
            return new ChannelRequest("PagerDuty", enqueueUrl, Map.of(), json.writeValueAsString(event), Set.of(400));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    ObjectNode trigger(AlertView alert, String routingKey) {
        ObjectNode event = json.createObjectNode().put("routing_key", routingKey).put("event_action", "trigger")
                .put("dedup_key", dedupKey(alert)).put("client", "Gatehouse");
        AccessEvent last = alert.events().isEmpty() ? null : alert.events().get(alert.events().size() - 1);
        ObjectNode payload = event.putObject("payload")
                .put("summary", cut(text.subject(alert, plain::clean), MAX_SUMMARY))
                .put("source", last == null ? "gatehouse" : source(last))
                .put("severity", SEVERITY.getOrDefault(alert.severity(), "info"))
                .put("timestamp", (last == null ? alert.createdAt() : last.occurredAt()).toString());
        if (last != null) {
            payload.put("class", last.type().code()).put("component", last.vendor());
            if (last.site() != null) {
                payload.put("group", plain.clean(AlertText.describe(last.site())));
            }
        }
        ObjectNode details = payload.putObject("custom_details").put("Rule", alert.rule()).put("Alert", alert.id());
        if (alert.events().size() > 1) {
            details.put("Events", alert.events().size());
        }
        if (alert.suppressed() > 0) {
            details.put("Suppressed since the last alert", alert.suppressed());
        }
        if (last != null) {
            ZoneId zone = text.zoneOf(alert);
            for (String[] fact : text.facts(last, zone, plain::clean)) {
                details.put(fact[0], fact[1]);
            }
            String link = console.eventLink(last.id());
            if (link != null) {
                event.put("client_url", link);
                event.putArray("links").addObject().put("href", link).put("text", "Open in Gatehouse");
            }
        }
        return event;
    }

    ObjectNode resolve(AlertView alert, String routingKey) {
        return json.createObjectNode().put("routing_key", routingKey).put("event_action", "resolve")
                .put("dedup_key", dedupKey(alert));
    }

    /** One per rule and group, e.g. gatehouse/door-held-open/door:d-17; a long group is hashed to fit 255. */
    static String dedupKey(AlertView alert) {
        String key = "gatehouse/" + alert.rule() + "/" + alert.group();
        if (key.length() <= MAX_DEDUP_KEY) {
            return key;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(alert.group().getBytes(StandardCharsets.UTF_8));
            return cut("gatehouse/" + alert.rule(), MAX_DEDUP_KEY - 66) + "/" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The door, else the device, else the vendor: what PagerDuty shows as the affected system. */
    private String source(AccessEvent event) {
        Ref ref = event.door() != null ? event.door() : event.device();
        String source = ref == null ? null : plain.clean(AlertText.describe(ref));
        return source == null || source.isBlank() ? event.vendor() : cut(source, 255);
    }

    private static String cut(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max - 1) + "…";
    }
}
