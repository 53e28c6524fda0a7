package io.gatehouse.api;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.gatehouse.definitions.VendorCatalog;
import io.gatehouse.event.AccessEvent;
import io.gatehouse.normalize.EventReplay;

/** GET /api/events, GET /api/events/{id}, GET /api/events/failed and POST /api/events/{id}/replay. */
@RestController
@RequestMapping("/api/events")
public class EventsController {

    private final EventQueries events;
    private final EventReplay replay;
    private final ApiProperties config;
    private final VendorCatalog vendors;

    public EventsController(EventQueries events, EventReplay replay, ApiProperties config, VendorCatalog vendors) {
        this.events = events;
        this.replay = replay;
        this.config = config;
        this.vendors = vendors;
    }


    @GetMapping
    public Map<String, Object> list(@RequestParam(required = false) String vendor,
                                    @RequestParam(required = false) String type,
                                    @RequestParam(required = false) String door,
                                    @RequestParam(required = false) String since,
                                    @RequestParam(required = false) String until,
                                    @RequestParam(required = false) String before,
                                    @RequestParam(required = false) Integer limit) {
        if (vendor != null && !vendor.isBlank() && !vendors.defines(vendor.strip())) {
            throw new ApiError(400, "unknown_vendor", "vendor '" + vendor + "' is not defined; defined: "
                    + String.join(", ", vendors.names()));
        }
        EventFilter filter = EventFilter.parse(vendor, type, door, since, until, before, limit,
                config.defaultPageSize(), config.maxPageSize());
        EventQueries.EventPage page = events.page(filter);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("events", page.events());
        body.put("count", page.events().size());
        // the value of ?before= for the next (older) page; absent on the last page
        if (page.next() != null) {
            body.put("next", page.next().encode());
        }
        return body;
    }

    /** Events kept with a normalization error; each can be replayed. */
    @GetMapping("/failed")
    public Map<String, Object> failed(@RequestParam(required = false) Integer limit) {
        int size = limit == null ? config.defaultPageSize() : Math.max(1, Math.min(limit, config.maxPageSize()));
        var found = replay.failed(size);
        return Map.of("events", found, "count", found.size());
    }

    /** Re-runs normalization and the rules for a stored event. */
    @PostMapping("/{id}/replay")
    public Map<String, String> replay(@PathVariable String id) throws java.io.IOException {
        String status = replay.replay(id).orElseThrow(() -> new ApiError(404, "not_found", "no event with id " + id));
        return Map.of("eventId", id, "status", status);
    }

    @GetMapping("/{id}")
    public ResponseEntity<EventWithRaw> get(@PathVariable String id) {
        return events.get(id)
                .map(stored -> ResponseEntity.ok(new EventWithRaw(stored.event(), stored.raw())))
                .orElseThrow(() -> new ApiError(404, "not_found", "no event with id " + id));
    }

    @ExceptionHandler(ApiError.class)
    public ResponseEntity<Map<String, String>> apiError(ApiError error) {
        return ResponseEntity.status(error.status()).body(Map.of("error", error.code(), "message", error.getMessage()));
    }

    /** The canonical fields at the top level, with the payload as received under {@code raw}. */
    public record EventWithRaw(@JsonUnwrapped AccessEvent event, JsonNode raw) {
    }
}
