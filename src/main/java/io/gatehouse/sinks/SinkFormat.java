package io.gatehouse.sinks;

/** How a sink hands events over; each has its route template in routes/sinks/. */
public enum SinkFormat {

    /** Kafka records, each a CloudEvent in the Kafka protocol binding's binary mode. */
    KAFKA("send-to-kafka"),
    /** Splunk HTTP Event Collector batches. */
    SPLUNK_HEC("send-to-splunk-hec"),
    /** CloudEvents over HTTP, batched mode. */
    CLOUDEVENTS_HTTP("send-to-cloudevents-http");

    private final String routeTemplate;

    SinkFormat(String routeTemplate) {
        this.routeTemplate = routeTemplate;
    }

    public String routeTemplate() {
        return routeTemplate;
    }
}
