package io.gatehouse.sinks;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

import io.gatehouse.event.AccessEvent;
import io.gatehouse.sinks.SinksProperties.SplunkHec;

/**
 * A batch for Splunk's HTTP Event Collector ({@code /services/collector/event}): one JSON object per event, one
 * after the other, each with {@code time} (when it occurred, epoch seconds), {@code host}, {@code source}
 * ({@code gatehouse/<vendor>}), {@code sourcetype}, {@code index} when configured, and the canonical event as
 * {@code event}.
 */
@Component
public class SplunkHecEvents {

    private final ObjectMapper json;
    private final SinkCatalog catalog;

    public SplunkHecEvents(ObjectMapper json, SinkCatalog catalog) {
        this.json = json;
        this.catalog = catalog;
    }

    public String batch(@Body List<AccessEvent> events, @ExchangeProperty(SinkForwarder.SINK) String sinkName) {
        SplunkHec hec = catalog.named(sinkName).orElseThrow().target().splunkHec();
        StringBuilder batch = new StringBuilder();
        for (AccessEvent event : events) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("time", BigDecimal.valueOf(event.occurredAt().toEpochMilli()).movePointLeft(3));
            entry.put("host", hec.host());
            entry.put("source", CloudEvents.source(event));
            entry.put("sourcetype", hec.sourcetype());
            if (hec.index() != null && !hec.index().isBlank()) {
                entry.put("index", hec.index());
            }
            entry.put("event", event);
            try {
                batch.append(json.writeValueAsString(entry)).append('\n');
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("the event cannot be written as JSON", e);
            }
        }
        return batch.toString();
    }
}
