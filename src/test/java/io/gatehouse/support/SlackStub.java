package io.gatehouse.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import org.awaitility.Awaitility;

/**
 * Slack on a local port (WireMock): incoming webhooks and the Web API's {@code chat.postMessage}, answered as the test
 * says, every request kept for its assertions. Register it with {@code @RegisterExtension} on a static field: it
 * listens as soon as it exists (its port goes into the configuration before Spring or a Gatehouse process starts),
 * on a port of its own that stays the same when a test takes Slack down ({@link #stop()}) and the next test gets it
 * back; it stops after the class ({@link HttpPeer}). WireMock's own stubbing is there for what this API does not name.
 * {@link #url(String)} with a path is a webhook URL; without, {@code gatehouse.slack.server-url}.
 */
public final class SlackStub extends HttpPeer {

    public static final String POST_MESSAGE = "/api/chat.postMessage";

    /** The incoming webhook at {@code path} answers Slack's 200 "ok" to requests that contain {@code marker}. */
    public void webhookAnswersOk(String path, String marker) {
        stubFor(post(urlEqualTo(path)).withRequestBody(containing(marker))
                .willReturn(aResponse().withStatus(200).withBody("ok")));
    }

    /** {@code chat.postMessage} answers {@code ok: true} to requests that contain {@code marker}. */
    public void postMessageAnswersOk(String marker) {
        stubFor(post(urlEqualTo(POST_MESSAGE)).withRequestBody(containing(marker))
                .willReturn(okJson("{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1.2\"}")));
    }

    /** The webhook at {@code path} fails requests that contain {@code marker} with {@code status} and {@code body}. */
    public void webhookFails(String path, String marker, int status, String body) {
        stubFor(post(urlEqualTo(path)).withRequestBody(containing(marker))
                .willReturn(aResponse().withStatus(status).withBody(body)));
    }

    /** The requests POSTed to {@code path}, oldest first. */
    public List<LoggedRequest> received(String path) {
        return findAll(postRequestedFor(urlPathEqualTo(path)));
    }

    /** The requests POSTed to {@code path} that contain {@code marker}, oldest first. */
    public List<LoggedRequest> received(String path, String marker) {
        return findAll(postRequestedFor(urlPathEqualTo(path)).withRequestBody(containing(marker)));
    }

    /** The first request POSTed to {@code path} that contains {@code marker}, waited for up to 30 seconds. */
    public LoggedRequest awaitReceived(String path, String marker) {
        return Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> received(path, marker), requests -> !requests.isEmpty()).get(0);
    }
}
