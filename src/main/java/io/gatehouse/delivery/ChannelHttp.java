package io.gatehouse.delivery;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.stereotype.Component;

/**
 * POSTs a {@link ChannelRequest} and turns every answer but a 2xx into a {@link DeliveryFailedException}: permanent
 * for 401, 403, 404 and 410 (and the statuses the channel adds), so the delivery fails at once with the reason;
 * otherwise retried, after the receiver's {@code Retry-After} (seconds or an HTTP date, at most
 * gatehouse.delivery.max-backoff) or, for a 429 without one, gatehouse.delivery.rate-limited-backoff. The error
 * quotes the receiver's message ({@code message} and {@code errors} of a JSON answer), never the URL, which may hold
 * a secret.
 */
@Component
public class ChannelHttp {

    private static final Set<Integer> PERMANENT = Set.of(401, 403, 404, 410);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_ANSWER_IN_ERROR = 300;

    // HTTP/1.1: over plain http the JDK's default HTTP/2 first tries an h2c upgrade, which some servers never answer
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final DeliveryProperties config;
    private final ObjectMapper json;
    private final Clock clock;

    public ChannelHttp(DeliveryProperties config, ObjectMapper json, Clock clock) {
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    public void post(ChannelRequest request) {
        String host = URI.create(request.url()).getHost();
        HttpRequest.Builder http = HttpRequest.newBuilder(URI.create(request.url())).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8));
        request.headers().forEach(http::header);
        HttpResponse<String> answer;
        try {
            answer = client.send(http.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new DeliveryFailedException("no answer from " + request.peer() + " (" + host + "): "
                    + e.getClass().getSimpleName(), null, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailedException("interrupted while sending to " + request.peer(), null, null);
        }
        int status = answer.statusCode();
        if (status / 100 == 2) {
            return;
        }
        String reason = request.peer() + " refused the alert: HTTP " + status + " from " + host
                + answerText(answer.body());
        if (PERMANENT.contains(status) || request.permanentStatuses().contains(status)) {
            throw DeliveryFailedException.permanent(reason, null);
        }
        throw new DeliveryFailedException(reason, retryAfter(answer.headers().firstValue("Retry-After"), status), null);
    }

    /** The wait the receiver asked for, at most max-backoff; null for the queue's own backoff. */
    Duration retryAfter(Optional<String> header, int status) {
        Duration asked = header.map(String::trim).map(this::parseRetryAfter).orElse(null);
        if (asked == null) {
            return status == 429 ? config.rateLimitedBackoff() : null;
        }
        return asked.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : asked;
    }

    private Duration parseRetryAfter(String value) {
        try {
            return Duration.ofSeconds(Math.max(1, Long.parseLong(value)));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(clock.instant(),
                        ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return until.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : until;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    /** ": <message>: <errors>" of a JSON answer (PagerDuty's), else the start of the answer's text. */
    private String answerText(String body) {
        String text = body == null ? "" : body.strip();
        if (text.isEmpty()) {
            return "";
        }
        try {
            JsonNode answer = json.readTree(text);
            List<String> parts = new ArrayList<>();
            if (answer.path("message").isTextual()) {
                parts.add(answer.path("message").asText());
            }
            answer.path("errors").forEach(error -> parts.add(error.asText()));
            if (!parts.isEmpty()) {
                text = String.join(": ", parts);
            }
        } catch (IOException notJson) {
            // a plain-text answer is quoted as it is
        }
        text = PlainTextField.visible(text);
        return ": " + (text.length() > MAX_ANSWER_IN_ERROR ? text.substring(0, MAX_ANSWER_IN_ERROR) + "…" : text);
    }
}
