package io.gatehouse.delivery;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import com.slack.api.model.Message;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.TextObject;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import io.gatehouse.alerting.ActiveRules;
import io.gatehouse.alerting.AlertQueries.AlertView;
import io.gatehouse.alerting.Channels.SlackTarget;
import io.gatehouse.alerting.Rule;
import io.gatehouse.event.AccessEvent;

/**
 * Builds the Block Kit message of a delivery (with a plain-text fallback) and the camel-slack endpoint of its
 * channel. Text from vendors goes through {@link SlackText}, so a door named {@code <!channel>} cannot ping a whole
 * channel nor a name in {@code *stars*} change how the alert looks; the fields holding it are also marked verbatim,
 * so that Slack makes no links or mentions of them.
 */
@Component
public class SlackMessages {

    /** Exchange property holding the camel-slack endpoint URI of the delivery's channel. */
    public static final String ENDPOINT = "gatehouseSlackEndpoint";
    private static final int MAX_EVENTS_SHOWN = 10;

    private final AlertText text;
    private final ActiveRules rules;
    private final SlackText slack;
    private final String serverUrl;

    public SlackMessages(AlertText text, ActiveRules rules, SlackText slack, SlackProperties slackServer) {
        this.text = text;
        this.rules = rules;
        this.slack = slack;
        this.serverUrl = slackServer.serverUrl();
    }

    /** Body: the alert (routes/deliver/deliveries.camel.yaml); the delivery is the exchange property. */
    public void build(Exchange exchange) {
        Delivery delivery = exchange.getProperty(DeliveryOutcomes.DELIVERY, Delivery.class);
        SlackTarget target = ChannelTargets.inForce(rules.current().channels().slack(), delivery.channel(),
                SlackTarget::configured);
        AlertView alert = exchange.getIn().getBody(AlertView.class);
        exchange.setProperty(ENDPOINT, endpoint(target));
        exchange.getIn().setBody(message(alert));
    }

    Message message(AlertView alert) {
        ZoneId zone = text.zoneOf(alert);
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText(truncate(text.subject(alert, slack::escape), 150)))));
        String intro = "*Rule* `" + escape(alert.rule()) + "`"
                + (alert.suppressed() > 0 ? " · " + alert.suppressed() + " similar alert(s) suppressed since the last one" : "");
        blocks.add(section(s -> s.text(markdownText(intro))));
        List<AccessEvent> shown = alert.events().size() > MAX_EVENTS_SHOWN
                ? alert.events().subList(alert.events().size() - MAX_EVENTS_SHOWN, alert.events().size())
                : alert.events();
        for (AccessEvent event : shown) {
            blocks.add(divider());
            List<TextObject> fields = new ArrayList<>();
            for (String[] fact : text.facts(event, zone, slack::escape)) {
                fields.add(MarkdownTextObject.builder().text("*" + fact[0] + "*\n" + fact[1]).verbatim(true).build());
            }
            blocks.add(section(s -> s.fields(fields.subList(0, Math.min(fields.size(), 10)))));
        }
        blocks.add(context(c -> c.elements(List.of(markdownText("Gatehouse alert " + alert.id())))));
        Message message = new Message();
        // vendor text is escaped where the plain text is put together; the rule's name is the operator's
        message.setText(truncate(text.plain(alert, slack::escape), 3000));
        message.setBlocks(blocks);
        return message;
    }

    private String endpoint(SlackTarget target) {
        if (target.usesWebhook()) {
            return "slack:gatehouse?webhookUrl=RAW(" + target.webhookUrl() + ")";
        }
        return "slack:" + target.channel() + "?token=RAW(" + target.token() + ")&serverUrl=RAW(" + serverUrl + ")";
    }

    /** Slack's three control characters in mrkdwn. */
    static String escape(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max - 1) + "…";
    }
}
