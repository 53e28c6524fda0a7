package io.gatehouse.support;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An HTTP service on a local port (WireMock) standing in for one Gatehouse posts alerts to: a Teams workflow,
 * PagerDuty's Events API, a webhook receiver, Slack ({@link SlackStub}). Register it with {@code @RegisterExtension} on a static field: it
 * listens as soon as it exists (its port goes into the configuration before Spring starts), stops after the class
 * and starts again before the next test, on the same port with the same stubs: after a test took it down, or for
 * the next class that shares it (a contract's H2 and PostgreSQL runs). Each test stubs its answers with WireMock's own API and finds its requests by a marker of its own.
 */
public class HttpPeer extends WireMockServer implements BeforeEachCallback, AfterAllCallback {

    private final int port;

    public HttpPeer() {
        this(GatehouseProcess.freePort());
    }

    private HttpPeer(int port) {
        super(WireMockConfiguration.options().port(port));
        this.port = port;
        start();
    }

    /** Also while stopped between two classes: the next one's configuration names it before it starts again. */
    @Override
    public int port() {
        return port;
    }

    public String url(String path) {
        return "http://localhost:" + port() + path;
    }

    /** The requests POSTed to {@code path} that contain {@code marker}, oldest first. */
    public List<LoggedRequest> received(String path, String marker) {
        return findAll(postRequestedFor(urlPathEqualTo(path)).withRequestBody(containing(marker)));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!isRunning()) {
            start();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }
}
