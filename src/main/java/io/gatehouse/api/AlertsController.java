package io.gatehouse.api;

import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.gatehouse.alerting.ActiveRules;
import io.gatehouse.alerting.AlertQueries;
import io.gatehouse.alerting.AlertQueries.AlertView;
import io.gatehouse.alerting.Rule;
import io.gatehouse.alerting.RuleBook;
import io.gatehouse.alerting.RuleConfigurationException;
import io.gatehouse.alerting.RulesFile;
import io.gatehouse.delivery.DeliveryQueue;

/** GET /api/alerts, GET /api/alerts/{id}, GET /api/rules and POST /api/rules/reload. */
@RestController
public class AlertsController {

    private final AlertQueries alerts;
    private final RulesFile rulesFile;
    private final ActiveRules activeRules;
    private final DeliveryQueue deliveries;
    private final ApiProperties config;

    public AlertsController(AlertQueries alerts, RulesFile rulesFile, ActiveRules activeRules,
                            DeliveryQueue deliveries, ApiProperties config) {
        this.alerts = alerts;
        this.deliveries = deliveries;
        this.activeRules = activeRules;
        this.rulesFile = rulesFile;
        this.config = config;
    }

    /**
     * Newest first; {@code status} keeps alerts with a delivery in that status (pending, sent, failed, skipped),
     * {@code event} those that cover that event.
     */
    @GetMapping("/api/alerts")
    public Map<String, Object> list(@RequestParam(required = false) String rule,
                                    @RequestParam(required = false) String status,
                                    @RequestParam(required = false) String event,
                                    @RequestParam(required = false) Integer limit) {
        int size = limit == null ? config.defaultPageSize() : limit;
        if (size < 1 || size > config.maxPageSize()) {
            throw new ApiError(400, "invalid_limit", "limit must be between 1 and " + config.maxPageSize());
        }
        List<AlertView> found = alerts.list(blankToNull(rule), blankToNull(status), blankToNull(event), size);
        return Map.of("alerts", found, "count", found.size());
    }

    @GetMapping("/api/alerts/{id}")
    public AlertView get(@PathVariable String id) {
        return alerts.get(id).orElseThrow(() -> new ApiError(404, "not_found", "no alert with id " + id));
    }

    /** Sends a failed delivery again, with a fresh set of attempts. */
    @PostMapping("/api/alerts/{alertId}/deliveries/{deliveryId}/retry")
    public Map<String, String> retry(@PathVariable String alertId, @PathVariable String deliveryId) {
        AlertView alert = get(alertId);
        if (alert.deliveries().stream().noneMatch(d -> d.id().equals(deliveryId))) {
            throw new ApiError(404, "not_found", "alert " + alertId + " has no delivery " + deliveryId);
        }
        if (!deliveries.retry(deliveryId)) {
            throw new ApiError(409, "not_failed", "only a failed delivery can be retried");
        }
        return Map.of("deliveryId", deliveryId, "status", "pending");
    }

    /** Sends every failed delivery of an alert again. */
    @PostMapping("/api/alerts/{alertId}/retry")
    public Map<String, Object> retryAll(@PathVariable String alertId) {
        AlertView alert = get(alertId);
        List<String> retried = alert.deliveries().stream().filter(d -> "failed".equals(d.status()))
                .map(AlertQueries.DeliveryView::id).filter(deliveries::retry).toList();
        return Map.of("alertId", alertId, "retried", retried);
    }

    /** The rules in force, by name, and the channels they may use. */
    @GetMapping("/api/rules")
    public Map<String, Object> rules() {
        RuleBook book = activeRules.current();
        return Map.of("rules", book.rules().stream().map(Rule::name).toList(),
                "channels", book.channels().names(), "unconfiguredChannels", book.channels().unconfigured());
    }

    /** Re-reads the rules file; 422 with the reason when the new rules are invalid (the old ones stay). */
    @PostMapping("/api/rules/reload")
    public Map<String, Object> reload() {
        RuleBook book = rulesFile.reload();
        return Map.of("status", "reloaded", "file", rulesFile.path().toString(),
                "rules", book.rules().stream().map(Rule::name).toList());
    }

    @ExceptionHandler(RuleConfigurationException.class)
    public ResponseEntity<Map<String, String>> invalidRules(RuleConfigurationException error) {
        return ResponseEntity.unprocessableEntity().body(Map.of("error", "invalid_rules", "message", error.getMessage()));
    }

    @ExceptionHandler(ApiError.class)
    public ResponseEntity<Map<String, String>> apiError(ApiError error) {
        return ResponseEntity.status(error.status()).body(Map.of("error", error.code(), "message", error.getMessage()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
