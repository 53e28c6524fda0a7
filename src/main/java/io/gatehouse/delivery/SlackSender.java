package io.gatehouse.delivery;

import java.time.Duration;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.slack.api.methods.SlackApiException;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * Sends a Slack message through camel-slack and turns every answer that is not a success into an exception.
 * <p>
 * Why not a plain {@code to}: camel-slack 4.17 sets the exception for a Slack error answer (an HTTP error from an
 * incoming webhook, {@code ok: false} from chat.postMessage) only after it has signalled completion (CAMEL-23627),
 * so a route's {@code onException} can miss it and count a failed alert as sent. Here the producer is called
 * through a {@link ProducerTemplate}, which returns once the producer has finished, and the outcome is read from
 * the finished exchange.
 * <p>
 * An answer that no retry will change (the channel does not exist, the token is revoked, the webhook was removed)
 * fails the delivery at once, so that the channel's later alerts do not wait ten minutes behind it.
 */
@Component
public class SlackSender {

    private static final Pattern WEBHOOK_CODE = Pattern.compile("code=(\\d{3})");
    /** chat.postMessage's {@code error=…}, an incoming webhook's {@code body=…}, as camel-slack quotes them. */
    private static final Pattern SLACK_ERROR = Pattern.compile("(?:error|body)=([a-z_]+)");
    /** Slack's error codes for a channel or token that is wrong, gone or not allowed. */
    private static final Set<String> PERMANENT_ERRORS = Set.of("channel_not_found", "invalid_auth", "not_authed",
            "account_inactive", "token_revoked", "token_expired", "no_permission", "missing_scope", "not_in_channel",
            "is_archived", "channel_is_archived", "invalid_token", "no_service", "team_disabled", "access_denied",
            "restricted_action", "action_prohibited");
    /** An incoming webhook's HTTP statuses for the same. */
    private static final Set<String> PERMANENT_STATUSES = Set.of("401", "403", "404", "410");

    private final ProducerTemplate producer;
    private final DeliveryProperties config;

    public SlackSender(ProducerTemplate producer, DeliveryProperties config) {
        this.producer = producer;
        this.config = config;
    }

    public void send(Exchange exchange) {
        String endpoint = exchange.getProperty(SlackMessages.ENDPOINT, String.class);
        Object message = exchange.getIn().getBody();
        Exchange result = producer.send(endpoint, out -> out.getIn().setBody(message));
        Exception error = result.getException();
        if (error != null) {
            String reason = "Slack refused the message: " + describe(error);
            if (permanent(error)) {
                throw DeliveryFailedException.permanent(reason, error);
            }
            throw new DeliveryFailedException(reason, retryAfter(error), error);
        }
    }

    static boolean permanent(Throwable error) {
        String message = String.valueOf(error.getMessage());
        Matcher code = SLACK_ERROR.matcher(message);
        while (code.find()) {
            if (PERMANENT_ERRORS.contains(code.group(1))) {
                return true;
            }
        }
        Matcher status = WEBHOOK_CODE.matcher(message);
        return status.find() && PERMANENT_STATUSES.contains(status.group(1));
    }

    /** Retry-After of a rate-limited answer; camel-slack hides an incoming webhook's headers, so a default then. */
    private Duration retryAfter(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SlackApiException api && api.getResponse() != null) {
                String header = api.getResponse().header("Retry-After");
                if (header != null) {
                    try {
                        return Duration.ofSeconds(Math.max(1, Long.parseLong(header.trim())));
                    } catch (NumberFormatException ignored) {
                        return config.rateLimitedBackoff();
                    }
                }
                return api.getResponse().code() == 429 ? config.rateLimitedBackoff() : null;
            }
        }
        Matcher code = WEBHOOK_CODE.matcher(String.valueOf(error.getMessage()));
        return code.find() && code.group(1).equals("429") ? config.rateLimitedBackoff() : null;
    }

    private static String describe(Throwable error) {
        String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        // the exchange id camel-slack appends says nothing to an operator
        return message.replaceAll("\\. Exchange\\[.*$", "");
    }
}
