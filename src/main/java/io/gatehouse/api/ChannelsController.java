package io.gatehouse.api;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import io.gatehouse.alerting.ActiveRules;
import io.gatehouse.alerting.Channels;
import io.gatehouse.delivery.ChannelTests;

/** POST /api/channels/{name}/test: a test alert through a channel, answered with the outcome. */
@RestController
public class ChannelsController {

    private final ActiveRules rules;
    private final ChannelTests tests;

    public ChannelsController(ActiveRules rules, ChannelTests tests) {
        this.rules = rules;
        this.tests = tests;
    }

    /**
     * Sends a clearly marked test alert through the channel ({@code teams:soc}, {@code pagerduty:oncall} …) now,
     * outside the queue: 200 when it took it, 502 with the reason when it did not, 404 for an unknown channel, 409
     * for one without a target.
     */
    @PostMapping("/api/channels/{name}/test")
    public ResponseEntity<Map<String, Object>> test(@PathVariable String name) {
        Channels channels = rules.current().channels();
        if (!channels.names().contains(name)) {
            throw new ApiError(404, "not_found", "no channel named " + name + "; configured: "
                    + String.join(", ", channels.names()));
        }
        if (channels.unconfigured().contains(name)) {
            throw new ApiError(409, "not_configured", "channel " + name + " has no target configured "
                    + "(gatehouse.channels): its alerts are skipped");
        }
        ChannelTests.Outcome outcome = tests.send(name);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("channel", name);
        body.put("outcome", outcome.sent() ? "sent" : "failed");
        if (!outcome.sent()) {
            body.put("error", outcome.error());
            body.put("permanent", outcome.permanent());
        }
        return ResponseEntity.status(outcome.sent() ? 200 : 502).body(body);
    }

    @ExceptionHandler(ApiError.class)
    public ResponseEntity<Map<String, String>> apiError(ApiError error) {
        return ResponseEntity.status(error.status()).body(Map.of("error", error.code(), "message", error.getMessage()));
    }
}
