package io.gatehouse.alerting;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.gatehouse.alerting.AlertStore.GroupState;
import io.gatehouse.database.AfterCommit;
import io.gatehouse.event.AccessEvent;
import io.gatehouse.telemetry.GatehouseMetrics;

/**
 * Runs every rule in force against a stored event and records the alerts they raise, each with a pending delivery
 * per channel, within the transaction that records the event ({@code EventRecorder}): a crash leaves all of it or
 * none, and re-running an event that was already evaluated raises nothing twice.
 */
@Component
public class AlertEngine {

    private static final Logger LOG = LoggerFactory.getLogger(AlertEngine.class);

    private final ActiveRules rules;
    private final AlertStore store;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final GatehouseMetrics metrics;

    public AlertEngine(ActiveRules rules, AlertStore store, TransactionTemplate transaction, Clock clock,
                       GatehouseMetrics metrics) {
        this.rules = rules;
        this.store = store;
        this.transaction = transaction;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** What one rule did with the event; counted only once the transaction has committed. */
    private record Verdict(Rule rule, String alertId, boolean suppressed) {
    }

    /** Returns the ids of the alerts raised, and of those the event resolved (each has a delivery to send). */
    public List<String> evaluate(AccessEvent event) {
        RuleBook book = rules.current();
        List<Rule> matching = book.rules().stream().filter(rule -> rule.matches(event)).toList();
        List<Rule> clearing = book.rules().stream().filter(rule -> rule.clearedBy(event)).toList();
        if (matching.isEmpty() && clearing.isEmpty()) {
            return List.of();
        }
        List<String> resolved = new ArrayList<>();
        List<Verdict> verdicts = transaction.execute(status -> {
            List<Verdict> done = new ArrayList<>();
            for (Rule rule : matching) {
                done.add(evaluate(rule, event, book, clock.instant()));
            }
            for (Rule rule : clearing) {
                resolved.addAll(resolve(rule, event, book, clock.instant()));
            }
            return done;
        });
        List<String> alerts = new ArrayList<>();
        for (Verdict verdict : verdicts) {
            if (verdict.alertId() != null) {
                alerts.add(verdict.alertId());
            }
        }
        if (!resolved.isEmpty()) {
            LOG.info("event {} ({}) resolved alerts {}", event.id(), event.type(), resolved);
            alerts.addAll(resolved);
        }
        // within EventRecorder's transaction the alerts exist only once it commits
        AfterCommit.run(() -> verdicts.forEach(verdict -> count(verdict, event, book)));
        if (!alerts.isEmpty()) {
            LOG.info("event {} ({}) raised alerts {}", event.id(), event.type(), alerts);
        }
        return alerts;
    }

    private void count(Verdict verdict, AccessEvent event, RuleBook book) {
        Rule rule = verdict.rule();
        if (verdict.suppressed()) {
            metrics.alertSuppressed(rule.name());
        }
        if (verdict.alertId() == null) {
            return;
        }
        metrics.alertRaised(rule.name(), rule.severityFor(event).code());
        for (String channel : rule.channels()) {
            if (book.channels().unconfigured().contains(channel)) {
                metrics.delivery(channel, "skipped");
            }
        }
    }

    /**
     * Resolves the rule's open alerts of the event's group; none open, nothing done (so a replayed clearing event,
     * and the many that clear nothing, cost one query). The group's row is locked as an alert of it is raised.
     */
    private List<String> resolve(Rule rule, AccessEvent event, RuleBook book, Instant now) {
        String group = rule.groupBy().keyOf(event);
        if (store.openAlerts(rule.name(), group, event.occurredAt()).isEmpty()) {
            return List.of();
        }
        store.lockGroup(rule.name(), group);
        List<String> open = store.openAlerts(rule.name(), group, event.occurredAt());
        if (open.isEmpty()) {
            return List.of();
        }
        store.resolve(rule.name(), group, open, rule.resolvingChannels(), book.channels().unconfigured(), now);
        return List.of(open.get(0));
    }

    private Verdict evaluate(Rule rule, AccessEvent event, RuleBook book, Instant now) {
        if (!store.markEvaluated(rule.name(), event.id())) {
            return new Verdict(rule, null, false);
        }
        String group = rule.groupBy().keyOf(event);
        // a rule that can be resolved locks its group too, so that a clearing event waits for the alert it clears
        boolean stateful = rule.threshold() != null || rule.throttle() != null || !rule.resolveOn().isEmpty();
        GroupState state = stateful ? store.lockGroup(rule.name(), group) : null;
        List<String> covered = List.of(event.id());
        if (rule.threshold() != null) {
            store.addThresholdMatch(rule.name(), group, event.id(), event.occurredAt());
            covered = store.openThresholdMatches(rule.name(), group,
                    event.occurredAt().minus(rule.threshold().within()), event.occurredAt());
            if (covered.size() < rule.threshold().count()) {
                return new Verdict(rule, null, false);
            }
        }
        int suppressed = 0;
        if (rule.throttle() != null) {
            if (Throttle.silences(state.lastAlertAt(), rule.throttle(), now)) {
                store.countSuppressed(rule.name(), group);
                if (rule.threshold() != null) {
                    store.closeThresholdMatches(rule.name(), covered, "suppressed");
                }
                return new Verdict(rule, null, true);
            }
            suppressed = state.suppressed();
        }
        if (stateful) {
            store.alerted(rule.name(), group, now);
        }
        String alertId = store.insertAlert(rule.name(), rule.severityFor(event).code(), group, event.id(), covered,
                suppressed, rule.channels(), book.channels().unconfigured(), now);
        if (rule.threshold() != null) {
            store.closeThresholdMatches(rule.name(), covered, alertId);
        }
        return new Verdict(rule, alertId, false);
    }
}
