package io.gatehouse.alerting;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The operator's rules and notification channels, as written under {@code gatehouse.rules} and
 * {@code gatehouse.channels}, and the file they are reloaded from. Everything is kept as text here so that
 * {@link RuleCompiler} can name the rule and the field of any mistake. The defaults are written in application.yaml
 * (where routes/rules-reload.camel.yaml reads the watch interval); no rules and no channels when none are written.
 *
 * @param rules              the alert rules, each with a name, what it matches and where it notifies (docs/rules.md
 *                           describes every field); a rule that cannot work stops start-up, or is refused on reload
 * @param channels           where alerts go, by kind and name (slack:security, email:soc, log:console); a channel
 *                           whose target is empty records its alerts as skipped
 * @param rulesFile          the YAML file watched for rule changes and read by POST /api/rules/reload
 * @param rulesWatchInterval how often (ms) the rules file is checked for changes
 */
@ConfigurationProperties("gatehouse")
public record RulesProperties(@DefaultValue List<RuleDefinition> rules, @DefaultValue Channels channels,
                              String rulesFile, long rulesWatchInterval) {

    /** One rule as written; a bean rather than a record because a record cannot have a component named notify. */
    public static class RuleDefinition {
        private String name;
        private Match match;
        private String severity;
        private Threshold threshold;
        private String throttle;
        private List<String> notify;
        private List<String> resolveOn;
        private Boolean enabled;

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public Match getMatch() {
            return match;
        }

        public void setMatch(Match match) {
            this.match = match;
        }

        public String getSeverity() {
            return severity;
        }

        public void setSeverity(String severity) {
            this.severity = severity;
        }

        public Threshold getThreshold() {
            return threshold;
        }

        public void setThreshold(Threshold threshold) {
            this.threshold = threshold;
        }

        public String getThrottle() {
            return throttle;
        }

        public void setThrottle(String throttle) {
            this.throttle = throttle;
        }

        public List<String> getNotify() {
            return notify;
        }

        public void setNotify(List<String> notify) {
            this.notify = notify;
        }

        /** Canonical types whose event clears the condition (same group): PagerDuty's incident is resolved. */
        public List<String> getResolveOn() {
            return resolveOn;
        }

        public void setResolveOn(List<String> resolveOn) {
            this.resolveOn = resolveOn;
        }

        public Boolean getEnabled() {
            return enabled;
        }

        public void setEnabled(Boolean enabled) {
            this.enabled = enabled;
        }
    }

    /** What an event must be for the rule to consider it; every list is "any of", every field is optional. */
    public record Match(List<String> types, List<String> vendors, String minSeverity, List<String> doors,
                        List<String> devices, List<String> sites, List<String> methods, List<String> outcomes,
                        Window outsideHours, Window during) {
    }

    /** A weekly time window: days such as MON-FRI or SAT,SUN, hours from/to as HH:mm in an IANA zone. */
    public record Window(String zone, String days, String from, String to) {
    }

    /** N matching events within a duration, counted per door, device, actor or site. */
    public record Threshold(Integer count, String within, String groupBy) {
    }

    /**
     * The channels, by kind.
     *
     * @param slack Slack channels by name: webhook-url (an incoming webhook), or token and channel (a bot that
     *              posts with chat.postMessage)
     * @param email email channels by name: the recipients (to, and optionally cc)
     * @param log       log channels by name: each alert as one WARN line of Gatehouse's log, under the logger named
     *                  by logger (gatehouse.alerts when left empty)
     * @param teams     Microsoft Teams channels by name: webhook-url, the URL of a Teams Workflows webhook ("Post to
     *                  a channel when a webhook request is received"); each alert as an Adaptive Card
     * @param pagerduty PagerDuty services by name: routing-key, the integration key of an Events API v2
     *                  integration; alerts trigger an incident per rule and group, a rule's resolve-on resolves it
     * @param webhook   outbound webhooks by name: url, and secret (whsec_..., base64) that signs each POST with the
     *                  Standard Webhooks scheme (webhook-id, webhook-timestamp, webhook-signature)
     */
    public record Channels(@DefaultValue Map<String, SlackChannel> slack, @DefaultValue Map<String, EmailChannel> email,
                           @DefaultValue Map<String, LogChannel> log, @DefaultValue Map<String, TeamsChannel> teams,
                           @DefaultValue Map<String, PagerDutyChannel> pagerduty,
                           @DefaultValue Map<String, WebhookChannel> webhook) {
    }

    /** Either an incoming-webhook URL, or a bot token with a channel (chat.postMessage). */
    public record SlackChannel(String webhookUrl, String token, String channel) {
    }

    public record EmailChannel(List<String> to, List<String> cc) {
    }

    /** A Teams Workflows webhook URL (https://....logic.azure.com/... or ....powerplatform.com/...). */
    public record TeamsChannel(String webhookUrl) {
    }

    /** The integration key (routing key) of a PagerDuty Events API v2 integration. */
    public record PagerDutyChannel(String routingKey) {
    }

    /** Where to POST alerts, and the whsec_... secret that signs them. */
    public record WebhookChannel(String url, String secret) {
    }

    /** Writes each alert to Gatehouse's log under this logger name (gatehouse.alerts when left empty). */
    public record LogChannel(String logger) {
    }
}
