package io.gatehouse.delivery;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

import org.springframework.stereotype.Component;

import io.gatehouse.alerting.ActiveRules;
import io.gatehouse.alerting.AlertQueries.AlertView;
import io.gatehouse.alerting.Rule;
import io.gatehouse.event.AccessEvent;
import io.gatehouse.event.Enrichment;
import io.gatehouse.event.Ref;

/**
 * What an alert says, in plain text, for every channel: a title such as "Door forced open — Front Door, HQ Berlin"
 * and one line of facts per event, with times in the rule's zone, else the event's site zone, else UTC. Names come
 * first, ids second. Never an email address, phone number or entered code. Every text a vendor chose (names, ids,
 * its event type) goes through the channel's escaping, {@code vendorText} ({@link SlackText}, {@link PlainTextField}),
 * so that it cannot change the alert's shape.
 */
@Component
public class AlertText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ROOT);

    private final ActiveRules rules;

    public AlertText(ActiveRules rules) {
        this.rules = rules;
    }

    public String title(AlertView alert, UnaryOperator<String> vendorText) {
        AccessEvent last = alert.events().isEmpty() ? null : alert.events().get(alert.events().size() - 1);
        String what = last == null ? alert.rule() : last.type().label();
        String where = last == null ? null : vendorText.apply(place(last));
        String site = last == null || last.site() == null ? null : vendorText.apply(last.site().name());
        if (site != null && !site.equals(where)) {
            where = where == null ? site : where + ", " + site;
        }
        String count = alert.events().size() > 1 ? alert.events().size() + " × " : "";
        return count + what + (where == null ? "" : " — " + where);
    }

    /** e.g. "[CRITICAL] Door forced open — Front Door". */
    public String subject(AlertView alert, UnaryOperator<String> vendorText) {
        return "[" + alert.severity().toUpperCase(Locale.ROOT) + "] " + title(alert, vendorText);
    }

    /**
     * The facts of one event as label/value pairs, in reading order; absent facts are left out.
     *
     * @param ruleZone the zone of the rule's time window; null to show the time in the event's site zone, else UTC
     */
    public List<String[]> facts(AccessEvent event, ZoneId ruleZone, UnaryOperator<String> vendorText) {
        ZoneId zone = ruleZone != null ? ruleZone : event.zone() != null ? event.zone() : ZoneOffset.UTC;
        List<String[]> facts = new ArrayList<>();
        facts.add(new String[] {"When", TIME.format(event.occurredAt().atZone(zone))});
        facts.add(new String[] {"What", event.type().label() + " (" + event.outcome() + ")"});
        add(facts, "Door", event.door(), vendorText);
        add(facts, "Device", event.device(), vendorText);
        add(facts, "Site", event.site(), vendorText);
        add(facts, "Who", event.actor(), vendorText);
        if (event.method() != null && !"unknown".equals(event.method().code())) {
            facts.add(new String[] {"Method", event.method().code()});
        }
        facts.add(new String[] {"Vendor", event.vendor() + " " + vendorText.apply(event.vendorEventType())});
        facts.add(new String[] {"Event", event.id()});
        if (event.enrichment() == Enrichment.FAILED) {
            // so that whoever reads ids instead of names knows why, and that a replay can name them
            facts.add(new String[] {"Note", "the vendor's API failed or did not answer in time: some names may be missing"});
        }
        return facts;
    }

    /** One line per event, for plain-text bodies and Slack's fallback text. */
    public String plain(AlertView alert, UnaryOperator<String> vendorText) {
        ZoneId zone = zoneOf(alert);
        StringBuilder text = new StringBuilder(subject(alert, vendorText)).append('\n');
        text.append("Rule: ").append(alert.rule()).append('\n');
        if (alert.suppressed() > 0) {
            text.append(alert.suppressed()).append(" similar alert(s) were suppressed since the previous one.\n");
        }
        for (AccessEvent event : alert.events()) {
            text.append('\n');
            for (String[] fact : facts(event, zone, vendorText)) {
                text.append(fact[0]).append(": ").append(fact[1]).append('\n');
            }
        }
        return text.toString();
    }

    /** The zone of the alert's rule's time window; null when it names none (each event's site zone applies). */
    public ZoneId zoneOf(AlertView alert) {
        return rules.current().rules().stream().filter(rule -> rule.name().equals(alert.rule()))
                .map(Rule::zone).filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    /** Name first, id second. */
    static String describe(Ref ref) {
        if (ref == null) {
            return null;
        }
        if (ref.name() != null && ref.id() != null && !ref.name().equals(ref.id())) {
            return ref.name() + " (" + ref.id() + ")";
        }
        return ref.name() != null ? ref.name() : ref.id();
    }

    private static String place(AccessEvent event) {
        Ref ref = event.door() != null ? event.door() : event.device();
        if (ref == null) {
            return null;
        }
        return ref.name() != null ? ref.name() : ref.id();
    }

    private static void add(List<String[]> facts, String label, Ref ref, UnaryOperator<String> vendorText) {
        String text = vendorText.apply(describe(ref));
        if (text != null) {
            facts.add(new String[] {label, text});
        }
    }
}
