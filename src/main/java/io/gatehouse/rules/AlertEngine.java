package io.gatehouse.rules;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.gatehouse.event.AccessEvent;
import io.gatehouse.store.AlertStore;
import io.gatehouse.store.AlertStore.GroupState;

/**
 * Runs every rule in force against a stored event and records the alerts they raise, each with a pending delivery
 * per channel. One transaction per event: a crash leaves either all of it or none, and re-running an event that
 * was already evaluated raises nothing twice.
 */
@Component
public class AlertEngine {

    private static final Logger LOG = LoggerFactory.getLogger(AlertEngine.class);

    private final ActiveRules rules;
    private final AlertStore store;
    private final TransactionTemplate transaction;
    private final Clock clock;

    public AlertEngine(ActiveRules rules, AlertStore store, TransactionTemplate transaction, Clock clock) {
        this.rules = rules;
        this.store = store;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** Returns the ids of the alerts raised. */
    public List<String> evaluate(AccessEvent event) {
        List<Rule> matching = rules.current().rules().stream().filter(rule -> rule.matches(event)).toList();
        if (matching.isEmpty()) {
            return List.of();
        }
        List<String> alerts = transaction.execute(status -> {
            List<String> raised = new ArrayList<>();
            for (Rule rule : matching) {
                String alert = evaluate(rule, event, clock.instant());
                if (alert != null) {
                    raised.add(alert);
                }
            }
            return raised;
        });
        if (!alerts.isEmpty()) {
            LOG.info("event {} ({}) raised alerts {}", event.id(), event.type(), alerts);
        }
        return alerts;
    }

    private String evaluate(Rule rule, AccessEvent event, Instant now) {
        if (!store.markEvaluated(rule.name(), event.id())) {
            return null;
        }
        String group = rule.groupBy().keyOf(event);
        boolean stateful = rule.threshold() != null || rule.throttle() != null;
        GroupState state = stateful ? store.lockGroup(rule.name(), group) : null;
        List<String> covered = List.of(event.id());
        if (rule.threshold() != null) {
            store.addThresholdMatch(rule.name(), group, event.id(), event.occurredAt());
            covered = store.openThresholdMatches(rule.name(), group,
                    event.occurredAt().minus(rule.threshold().within()), event.occurredAt());
            if (covered.size() < rule.threshold().count()) {
                return null;
            }
        }
        int suppressed = 0;
        if (rule.throttle() != null) {
            if (Throttle.silences(state.lastAlertAt(), rule.throttle(), now)) {
                store.countSuppressed(rule.name(), group);
                if (rule.threshold() != null) {
                    store.closeThresholdMatches(rule.name(), covered, "suppressed");
                }
                return null;
            }
            suppressed = state.suppressed();
        }
        if (stateful) {
            store.alerted(rule.name(), group, now);
        }
        String alertId = store.insertAlert(rule.name(), rule.severityFor(event).code(), group, event.id(), covered,
                suppressed, rule.channels(), rules.current().channels().unconfigured(), now);
        if (rule.threshold() != null) {
            store.closeThresholdMatches(rule.name(), covered, alertId);
        }
        return alertId;
    }
}
