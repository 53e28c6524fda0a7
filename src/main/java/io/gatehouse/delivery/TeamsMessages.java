package io.gatehouse.delivery;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import io.gatehouse.alerting.ActiveRules;
import io.gatehouse.alerting.AlertQueries.AlertView;
import io.gatehouse.alerting.Channels.TeamsTarget;
import io.gatehouse.event.AccessEvent;

/**
 * Builds the request of a delivery to a Teams channel: a message with one Adaptive Card attachment, as a Teams
 * Workflows webhook ("Post to a channel when a webhook request is received") takes it. The card has the alert's
 * title in its severity's colour, the rule, a fact set per event (time in the rule's or the site's zone, what,
 * door, device, site, who, method, vendor, event id) and, when gatehouse.console.base-url is set, a button to the
 * event in the console. Vendor text goes through {@link TeamsText}.
 */
@Component
public class TeamsMessages {

    /** Adaptive Card 1.4: what Teams renders on desktop, web and mobile alike. */
    static final String CARD_VERSION = "1.4";
    static final String CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";
    private static final int MAX_EVENTS_SHOWN = 10;
    private static final Map<String, String> COLOUR = Map.of("critical", "Attention", "warning", "Warning");

    private final AlertText text;
    private final ActiveRules rules;
    private final TeamsText teams;
    private final ConsoleProperties console;
    private final ObjectMapper json;

    public TeamsMessages(AlertText text, ActiveRules rules, TeamsText teams, ConsoleProperties console,
                         ObjectMapper json) {
        this.text = text;
        this.rules = rules;
        this.teams = teams;
        this.console = console;
        this.json = json;
    }

    /** Body: the alert; becomes the {@link ChannelRequest} for {@link ChannelHttp}. */
    public ChannelRequest build(Exchange exchange) {
        Delivery delivery = exchange.getProperty(DeliveryOutcomes.DELIVERY, Delivery.class);
        TeamsTarget target = ChannelTargets.inForce(rules.current().channels().teams(), delivery.channel(),
                TeamsTarget::configured);
        try {
            return new ChannelRequest("Teams", target.webhookUrl(), Map.of(),
                    json.writeValueAsString(message(exchange.getIn().getBody(AlertView.class))), Set.of());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    ObjectNode message(AlertView alert) {
        ObjectNode message = json.createObjectNode().put("type", "message");
        ObjectNode attachment = message.putArray("attachments").addObject()
                .put("contentType", CARD_CONTENT_TYPE).putNull("contentUrl");
        attachment.set("content", card(alert));
        return message;
    }

    ObjectNode card(AlertView alert) {
        ObjectNode card = json.createObjectNode()
                .put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json")
                .put("type", "AdaptiveCard").put("version", CARD_VERSION)
                .put("fallbackText", text.subject(alert, teams::escape));
        ArrayNode body = card.putArray("body");
        body.addObject().put("type", "TextBlock").put("text", text.subject(alert, teams::escape))
                .put("weight", "Bolder").put("size", "Medium")
                .put("color", COLOUR.getOrDefault(alert.severity(), "Default")).put("wrap", true);
        String rule = "Rule: " + teams.escape(alert.rule()) + (alert.suppressed() > 0
                ? " · " + alert.suppressed() + " similar alert(s) suppressed since the last one" : "");
        body.addObject().put("type", "TextBlock").put("text", rule).put("isSubtle", true).put("wrap", true)
                .put("spacing", "None");
        ZoneId zone = text.zoneOf(alert);
        List<AccessEvent> events = alert.events();
        List<AccessEvent> shown = events.size() > MAX_EVENTS_SHOWN
                ? events.subList(events.size() - MAX_EVENTS_SHOWN, events.size()) : events;
        for (AccessEvent event : shown) {
            ArrayNode facts = body.addObject().put("type", "FactSet").put("separator", true).putArray("facts");
            for (String[] fact : text.facts(event, zone, teams::escape)) {
                facts.addObject().put("title", fact[0]).put("value", fact[1]);
            }
        }
        body.addObject().put("type", "TextBlock").put("text", "Gatehouse alert " + alert.id()).put("isSubtle", true)
                .put("size", "Small").put("wrap", true);
        String link = events.isEmpty() ? null : console.eventLink(events.get(events.size() - 1).id());
        if (link != null) {
            card.putArray("actions").addObject().put("type", "Action.OpenUrl").put("title", "Open in Gatehouse")
                    .put("url", link);
        }
        return card;
    }
}
