package io.gatehouse.alerting;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;


/**
 * The validated notification channels, by name ({@code slack:security}, {@code email:soc}, {@code log:console},
 * {@code teams:soc}, {@code pagerduty:oncall}, {@code webhook:siem}). Targets come only from configuration: nothing
 * in a webhook can choose a recipient.
 */
public record Channels(Map<String, SlackTarget> slack, Map<String, EmailTarget> email, Map<String, LogTarget> log,
                       Map<String, TeamsTarget> teams, Map<String, PagerDutyTarget> pagerduty,
                       Map<String, WebhookTarget> webhook) {

    /** The prefix of a Standard Webhooks secret; the rest is the key, in base64. */
    public static final String WEBHOOK_SECRET_PREFIX = "whsec_";

    /** The logger a {@code log:} channel writes alerts to when its configuration names none. */
    public static final String DEFAULT_ALERT_LOGGER = "gatehouse.alerts";

    /** An incoming webhook, or a bot token posting to a channel; neither when the operator left it unset. */
    public record SlackTarget(String name, String webhookUrl, String token, String channel) {
        public boolean usesWebhook() {
            return webhookUrl != null;
        }

        public boolean configured() {
            return webhookUrl != null || token != null;
        }
    }

    public record EmailTarget(String name, List<String> to, List<String> cc) {
        public boolean configured() {
            return !to.isEmpty();
        }
    }

    /** Gatehouse's own log: always there, so never skipped. */
    public record LogTarget(String name, String logger) {
    }

    /** A Teams Workflows webhook; none when the operator left it unset. */
    public record TeamsTarget(String name, String webhookUrl) {
        public boolean configured() {
            return webhookUrl != null;
        }
    }

    /** A PagerDuty Events API v2 integration; none when the operator left its key unset. */
    public record PagerDutyTarget(String name, String routingKey) {
        public boolean configured() {
            return routingKey != null;
        }
    }

    /** An outbound webhook and the key that signs it (the secret's base64 part, decoded). */
    public record WebhookTarget(String name, String url, byte[] signingKey) {
        public boolean configured() {
            return url != null;
        }
    }

    /**
     * Channels whose target is left empty (e.g. its environment variable is unset): alerts for them are recorded
     * with the delivery skipped, so the shipped defaults run before Slack or SMTP are set up.
     */
    public Set<String> unconfigured() {
        Set<String> names = new java.util.TreeSet<>();
        slack.values().stream().filter(t -> !t.configured()).forEach(t -> names.add(t.name()));
        email.values().stream().filter(t -> !t.configured()).forEach(t -> names.add(t.name()));
        teams.values().stream().filter(t -> !t.configured()).forEach(t -> names.add(t.name()));
        pagerduty.values().stream().filter(t -> !t.configured()).forEach(t -> names.add(t.name()));
        webhook.values().stream().filter(t -> !t.configured()).forEach(t -> names.add(t.name()));
        return names;
    }

    public static Channels from(RulesProperties.Channels config) {
        Map<String, SlackTarget> slack = new LinkedHashMap<>();
        config.slack().forEach((name, channel) -> {
            String where = "gatehouse.channels.slack." + name;
            boolean webhook = present(channel.webhookUrl());
            boolean bot = present(channel.token());
            if (!webhook && !bot && !present(channel.channel())) {
                slack.put("slack:" + name, new SlackTarget("slack:" + name, null, null, null));
                return;
            }
            if (webhook == bot) {
                throw new RuleConfigurationException(where + ": set either webhook-url (an incoming webhook) or "
                        + "token and channel (a bot), not " + (webhook ? "both" : "neither"));
            }
            if (bot && !present(channel.channel())) {
                throw new RuleConfigurationException(where + ".channel is missing: a bot token needs the channel "
                        + "to post to, e.g. #security or C0123456789");
            }
            if (webhook && !channel.webhookUrl().startsWith("https://") && !channel.webhookUrl().startsWith("http://")) {
                throw new RuleConfigurationException(where + ".webhook-url must be an https:// URL");
            }
            slack.put("slack:" + name, new SlackTarget("slack:" + name, webhook ? channel.webhookUrl().trim() : null,
                    bot ? channel.token().trim() : null, bot ? channel.channel().trim() : null));
        });
        Map<String, EmailTarget> email = new LinkedHashMap<>();
        config.email().forEach((name, channel) -> {
            String where = "gatehouse.channels.email." + name;
            List<String> to = addresses(where + ".to", channel.to());
            email.put("email:" + name, new EmailTarget("email:" + name, to, addresses(where + ".cc", channel.cc())));
        });
        Map<String, LogTarget> log = new LinkedHashMap<>();
        config.log().forEach((name, channel) -> {
            String logger = channel == null || !present(channel.logger()) ? DEFAULT_ALERT_LOGGER : channel.logger().trim();
            if (!logger.matches("[A-Za-z0-9_.$-]+")) {
                throw new RuleConfigurationException("gatehouse.channels.log." + name + ".logger '" + logger
                        + "' is not a logger name; use letters, digits and dots, e.g. gatehouse.alerts");
            }
            log.put("log:" + name, new LogTarget("log:" + name, logger));
        });
        Map<String, TeamsTarget> teams = new LinkedHashMap<>();
        config.teams().forEach((name, channel) -> {
            String url = channel == null ? null : channel.webhookUrl();
            teams.put("teams:" + name, new TeamsTarget("teams:" + name,
                    present(url) ? httpUrl("gatehouse.channels.teams." + name + ".webhook-url", url) : null));
        });
        Map<String, PagerDutyTarget> pagerduty = new LinkedHashMap<>();
        config.pagerduty().forEach((name, channel) -> {
            String key = channel == null ? null : channel.routingKey();
            if (present(key) && !key.trim().matches("[A-Za-z0-9]+")) {
                throw new RuleConfigurationException("gatehouse.channels.pagerduty." + name + ".routing-key is not "
                        + "an Events API v2 integration key: copy the Integration Key of the service's Events API V2 "
                        + "integration (letters and digits)");
            }
            pagerduty.put("pagerduty:" + name,
                    new PagerDutyTarget("pagerduty:" + name, present(key) ? key.trim() : null));
        });
        Map<String, WebhookTarget> webhook = new LinkedHashMap<>();
        config.webhook().forEach((name, channel) -> webhook.put("webhook:" + name, webhook(name, channel)));
        return new Channels(Map.copyOf(slack), Map.copyOf(email), Map.copyOf(log), Map.copyOf(teams),
                Map.copyOf(pagerduty), Map.copyOf(webhook));
    }

    public Set<String> names() {
        Set<String> names = new java.util.TreeSet<>(slack.keySet());
        names.addAll(email.keySet());
        names.addAll(log.keySet());
        names.addAll(teams.keySet());
        names.addAll(pagerduty.keySet());
        names.addAll(webhook.keySet());
        return names;
    }

    private static WebhookTarget webhook(String name, RulesProperties.WebhookChannel channel) {
        String where = "gatehouse.channels.webhook." + name;
        String url = channel == null ? null : channel.url();
        String secret = channel == null ? null : channel.secret();
        if (!present(url) && !present(secret)) {
            return new WebhookTarget("webhook:" + name, null, null);
        }
        if (!present(url)) {
            throw new RuleConfigurationException(where + ".url is missing: the URL alerts are POSTed to");
        }
        String whsec = present(secret) ? secret.trim() : "";
        byte[] key;
        try {
            String base64 = whsec.startsWith(WEBHOOK_SECRET_PREFIX) ? whsec.substring(WEBHOOK_SECRET_PREFIX.length()) : "";
            key = java.util.Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            key = new byte[0];
        }
        if (key.length < 24) {
            throw new RuleConfigurationException(where + ".secret must be whsec_ followed by a base64 key of 24 to "
                    + "64 bytes, e.g. whsec_$(openssl rand -base64 32); the receiver verifies with the same secret");
        }
        return new WebhookTarget("webhook:" + name, httpUrl(where + ".url", url), key);
    }

    private static String httpUrl(String where, String value) {
        String url = value.trim();
        if (!url.startsWith("https://") && !url.startsWith("http://")) {
            throw new RuleConfigurationException(where + " must be an https:// URL");
        }
        return url;
    }

    private static List<String> addresses(String where, List<String> values) {
        if (values == null) {
            return List.of();
        }
        return values.stream().filter(Channels::present).map(value -> {
            try {
                InternetAddress address = new InternetAddress(value.trim(), true);
                return address.getAddress();
            } catch (AddressException e) {
                throw new RuleConfigurationException(where + ": '" + value + "' is not an email address");
            }
        }).toList();
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
