package io.gatehouse.delivery;

import java.time.Duration;
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
 */
@Component
public class SlackSender {

    private static final Pattern WEBHOOK_CODE = Pattern.compile("code=(\\d{3})");

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
            throw new DeliveryFailedException("Slack refused the message: " + describe(error), retryAfter(error), error);
        }
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
