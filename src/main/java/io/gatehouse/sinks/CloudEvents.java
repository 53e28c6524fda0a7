package io.gatehouse.sinks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.camel.Body;
import org.apache.camel.CamelContext;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.support.DefaultMessage;
import org.springframework.stereotype.Component;

import io.gatehouse.event.AccessEvent;

/**
 * Events as CloudEvents 1.0: {@code id} the Gatehouse event id (what a consumer de-duplicates on), {@code source}
 * {@code gatehouse/<vendor>}, {@code type} {@code io.gatehouse.<canonical type>}, {@code time} when it occurred,
 * the canonical event as data. The raw vendor payload stays in Gatehouse (it may hold what a vendor should not
 * have sent, such as an entered PIN); {@code GET /api/events/{id}} serves it.
 */
@Component
public class CloudEvents {

    public static final String SPEC_VERSION = "1.0";
    public static final String BATCH_CONTENT_TYPE = "application/cloudevents-batch+json";

    private final ObjectMapper json;
    private final CamelContext camel;
    private final SinkCatalog catalog;

    public CloudEvents(ObjectMapper json, CamelContext camel, SinkCatalog catalog) {
        this.json = json;
        this.camel = camel;
        this.catalog = catalog;
    }

    /**
     * Kafka records in the Kafka protocol binding's binary mode: the attributes as {@code ce_*} headers, the event
     * as the value ({@code content-type: application/json}), keyed by the sink's key so that one site's, door's or
     * device's events stay in one partition, in order.
     */
    public List<Message> kafkaRecords(@Body List<AccessEvent> events,
                                      @ExchangeProperty(SinkForwarder.SINK) String sinkName) {
        SinkKey key = catalog.named(sinkName).orElseThrow().key();
        List<Message> records = new ArrayList<>(events.size());
        for (AccessEvent event : events) {
            Message record = new DefaultMessage(camel);
            record.setHeader("ce_specversion", SPEC_VERSION);
            record.setHeader("ce_id", event.id());
            record.setHeader("ce_source", source(event));
            record.setHeader("ce_type", type(event));
            record.setHeader("ce_time", event.occurredAt().toString());
            record.setHeader("content-type", "application/json");
            String recordKey = key.of(event);
            if (recordKey != null) {
                record.setHeader(KafkaConstants.KEY, recordKey);
            }
            record.setBody(write(event));
            records.add(record);
        }
        return records;
    }

    /** The events as one CloudEvents JSON batch (structured mode, {@value #BATCH_CONTENT_TYPE}). */
    public String batch(@Body List<AccessEvent> events) {
        List<Map<String, Object>> batch = new ArrayList<>(events.size());
        for (AccessEvent event : events) {
            Map<String, Object> cloudEvent = new LinkedHashMap<>();
            cloudEvent.put("specversion", SPEC_VERSION);
            cloudEvent.put("id", event.id());
            cloudEvent.put("source", source(event));
            cloudEvent.put("type", type(event));
            cloudEvent.put("time", event.occurredAt().toString());
            cloudEvent.put("datacontenttype", "application/json");
            cloudEvent.put("data", event);
            batch.add(cloudEvent);
        }
        return write(batch);
    }

    static String source(AccessEvent event) {
        return "gatehouse/" + event.vendor();
    }

    static String type(AccessEvent event) {
        return "io.gatehouse." + event.type().code();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the event cannot be written as JSON", e);
        }
    }
}
