package io.gatehouse.delivery;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

import io.gatehouse.alerting.ActiveRules;
import io.gatehouse.alerting.Channels.SlackTarget;

/**
 * The {@code slack} component of /actuator/health: for each configured Slack channel, whether a connection to its
 * server opens (the incoming webhook's host, or gatehouse.slack.server-url for a bot). Nothing is posted, so a
 * wrong token or URL shows only when a delivery fails; an unreachable server shows here. With no Slack channel
 * configured Slack is not used, and so not a fault.
 */
@Component("slackHealthIndicator")
public class SlackHealth implements HealthIndicator {

    private static final int CONNECT_TIMEOUT_MS = 3000;

    private final ActiveRules rules;
    private final String serverUrl;

    public SlackHealth(ActiveRules rules, SlackProperties slackServer) {
        this.rules = rules;
        this.serverUrl = slackServer.serverUrl();
    }

    @Override
    public Health health() {
        Map<String, String> channels = new LinkedHashMap<>();
        boolean allReachable = true;
        for (SlackTarget target : rules.current().channels().slack().values()) {
            if (!target.configured()) {
                continue;
            }
            URI server = URI.create(target.usesWebhook() ? target.webhookUrl() : serverUrl);
            boolean reachable = reachable(server);
            allReachable &= reachable;
            channels.put(target.name(), reachable ? "reachable" : "unreachable: " + server.getHost());
        }
        if (channels.isEmpty()) {
            return Health.up().withDetail("used", false)
                    .withDetail("reason", "no Slack channel is configured (gatehouse.channels.slack)").build();
        }
        return (allReachable ? Health.up() : Health.down()).withDetails(channels).build();
    }

    private static boolean reachable(URI server) {
        int port = server.getPort() != -1 ? server.getPort() : "http".equalsIgnoreCase(server.getScheme()) ? 80 : 443;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(server.getHost(), port), CONNECT_TIMEOUT_MS);
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }
}
