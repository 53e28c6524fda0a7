package io.gatehouse.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.gatehouse.sinks.Sink;
import io.gatehouse.sinks.SinkCatalog;
import io.gatehouse.sinks.SinkOutbox;
import io.gatehouse.sinks.SinkStates;

/**
 * GET /api/sinks (each sink's progress), POST /api/sinks/{name}/replay?since=… (send a range again), and a sink's
 * parked events (its platform refused them): GET /api/sinks/{name}/parked, POST …/parked/retry and …/parked/skip,
 * each for one event ({@code ?event=<id>}) or all of the sink's.
 */
@RestController
@RequestMapping("/api/sinks")
public class SinksController {

    private static final Logger LOG = LoggerFactory.getLogger(SinksController.class);
    // the oldest listed; the count says how many there are
    private static final int PARKED_LISTED = 100;

    private final SinkCatalog catalog;
    private final SinkOutbox outbox;
    private final SinkStates states;
    private final Clock clock;

    public SinksController(SinkCatalog catalog, SinkOutbox outbox, SinkStates states, Clock clock) {
        this.catalog = catalog;
        this.outbox = outbox;
        this.states = states;
        this.clock = clock;
    }

    @GetMapping
    public Map<String, Object> list() {
        List<Map<String, Object>> sinks = catalog.all().stream().map(this::progress).toList();
        return Map.of("sinks", sinks, "count", sinks.size());
    }

    /**
     * Queues again every stored event the sink wants that Gatehouse received since {@code since}, behind what
     * already waits: for a platform that lost data. Its consumers see those CloudEvent ids a second time.
     */
    @PostMapping("/{name}/replay")
    public ResponseEntity<Map<String, Object>> replay(@PathVariable String name, @RequestParam String since) {
        Sink sink = sink(name);
        Instant from;
        try {
            from = Instant.parse(since.trim());
        } catch (DateTimeParseException e) {
            throw new ApiError(400, "invalid_since", "since must be an ISO-8601 instant such as 2025-01-01T00:00:00Z");
        }
        int queued = outbox.replay(sink, from);
        return ResponseEntity.accepted().body(Map.of("sink", name, "since", from.toString(), "queued", queued));
    }

    @GetMapping("/{name}/parked")
    public Map<String, Object> parked(@PathVariable String name) {
        Sink sink = sink(name);
        List<SinkOutbox.Parked> parked = outbox.parked(sink.name(), PARKED_LISTED);
        return Map.of("sink", name, "count", outbox.parkedCount(sink.name()), "parked", parked);
    }

    /** Parked events back in line, at their place: for a platform that takes them now (its fault was fixed). */
    @PostMapping("/{name}/parked/retry")
    public ResponseEntity<Map<String, Object>> retryParked(@PathVariable String name,
                                                           @RequestParam(required = false) String event) {
        Sink sink = sink(name);
        int requeued = outbox.retryParked(sink.name(), event);
        LOG.info("sink {}: {} parked event(s) sent again on request", name, requeued);
        return ResponseEntity.accepted().body(Map.of("sink", name, "requeued", requeued));
    }

    /** Parked events dropped: the sink never sends them (they stay stored in Gatehouse). */
    @PostMapping("/{name}/parked/skip")
    public Map<String, Object> skipParked(@PathVariable String name, @RequestParam(required = false) String event) {
        Sink sink = sink(name);
        int skipped = outbox.skipParked(sink.name(), event);
        LOG.info("sink {}: {} parked event(s) skipped on request", name, skipped);
        return Map.of("sink", name, "skipped", skipped);
    }

    private Sink sink(String name) {
        return catalog.named(name).orElseThrow(() -> new ApiError(404, "not_found", "no sink named " + name));
    }

    private Map<String, Object> progress(Sink sink) {
        SinkOutbox.Lag lag = outbox.lag(sink.name());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", sink.name());
        body.put("format", sink.format().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        body.put("waiting", lag.events());
        body.put("lagSeconds", lag.oldestRecordedAt() == null ? 0
                : Math.max(0, Duration.between(lag.oldestRecordedAt(), clock.instant()).toMillis()) / 1000.0);
        body.put("parked", outbox.parkedCount(sink.name()));
        states.of(sink.name()).ifPresent(state -> {
            body.put("sent", state.sent());
            body.put("lastSentAt", state.lastSentAt());
            body.put("lastError", state.lastError());
            body.put("lastErrorAt", state.lastErrorAt());
        });
        return body;
    }

    @ExceptionHandler(ApiError.class)
    public ResponseEntity<Map<String, String>> apiError(ApiError error) {
        return ResponseEntity.status(error.status()).body(Map.of("error", error.code(), "message", error.getMessage()));
    }
}
