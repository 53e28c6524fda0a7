package io.gatehouse.sinks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

import io.gatehouse.sinks.SinksProperties.CloudEventsHttp;
import io.gatehouse.sinks.SinksProperties.SplunkHec;

/**
 * POSTs a sink's batch and turns every answer but a 2xx into a {@link SinkFailure}, so the batch stays in the
 * outbox and is sent again; an answer that refuses the events themselves is a {@linkplain SinkFailure#refused
 * refusal}. The error names the status and the start of the answer, never the token.
 */
@Component
public class SinkHttp {

    private static final int MAX_ANSWER_IN_ERROR = 200;
    // HEC's codes for an event it cannot take (no data, invalid data format, event field missing or blank, bad
    // indexed fields); its other 400s (incorrect index, data channel, ack) are its configuration's, and pass
    private static final Set<Integer> HEC_REFUSALS = Set.of(5, 6, 12, 13, 15);
    private static final Pattern HEC_CODE = Pattern.compile("\"code\"\\s*:\\s*(\\d+)");

    private final SinkCatalog catalog;
    // HTTP/1.1: over plain http the JDK's default HTTP/2 first tries an h2c upgrade, which some servers never answer
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public SinkHttp(SinkCatalog catalog) {
        this.catalog = catalog;
    }

    /** To a Splunk HTTP Event Collector, with {@code Authorization: Splunk <token>}. */
    public void postToSplunkHec(@Body String batch, @ExchangeProperty(SinkForwarder.SINK) String sinkName) {
        SplunkHec hec = catalog.named(sinkName).orElseThrow().target().splunkHec();
        String url = hec.url().replaceAll("/+$", "") + "/services/collector/event";
        post(HttpRequest.newBuilder(URI.create(url)).timeout(hec.timeout())
                .header("Authorization", "Splunk " + hec.token())
                .header("Content-Type", "application/json"), batch, url, SinkHttp::hecRefuses);
    }

    /** To a CloudEvents collector, in batched mode. */
    public void postCloudEvents(@Body String batch, @ExchangeProperty(SinkForwarder.SINK) String sinkName) {
        CloudEventsHttp target = catalog.named(sinkName).orElseThrow().target().cloudevents();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target.url())).timeout(target.timeout())
                .header("Content-Type", CloudEvents.BATCH_CONTENT_TYPE);
        if (target.authorization() != null && !target.authorization().isBlank()) {
            request.header("Authorization", target.authorization());
        }
        post(request, batch, target.url(), SinkHttp::collectorRefuses);
    }

    /** 413, or a 400 whose HEC code blames the events. */
    static boolean hecRefuses(int status, String answer) {
        if (status == 413) {
            return true;
        }
        Matcher code = HEC_CODE.matcher(answer);
        return status == 400 && code.find() && HEC_REFUSALS.contains(Integer.parseInt(code.group(1)));
    }

    /** 400 (malformed), 413 (too large), 422 (understood but not acceptable). */
    static boolean collectorRefuses(int status, String answer) {
        return status == 400 || status == 413 || status == 422;
    }

    private void post(HttpRequest.Builder request, String body, String url, BiPredicate<Integer, String> refuses) {
        String where = URI.create(url).getHost();
        HttpResponse<String> answer;
        try {
            answer = client.send(request.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new SinkFailure("no answer from " + where + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SinkFailure("interrupted while sending to " + where);
        }
        if (answer.statusCode() / 100 != 2) {
            String text = answer.body() == null ? "" : answer.body().strip();
            String error = "HTTP " + answer.statusCode() + " from " + where + (text.isEmpty() ? ""
                    : ": " + text.substring(0, Math.min(text.length(), MAX_ANSWER_IN_ERROR)));
            throw refuses.test(answer.statusCode(), text) ? SinkFailure.refused(error) : new SinkFailure(error);
        }
    }
}
