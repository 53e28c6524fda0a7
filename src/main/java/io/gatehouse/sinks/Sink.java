package io.gatehouse.sinks;

import io.gatehouse.alerting.EventMatcher;
import io.gatehouse.event.AccessEvent;
import io.gatehouse.sinks.SinksProperties.Target;

/**
 * A configured sink, validated: its name (the key of its outbox rows and the tag of its metrics), the events it
 * receives, and where and how it sends them.
 */
public record Sink(String name, SinkFormat format, EventMatcher match, SinkKey key, Target target) {

    public boolean wants(AccessEvent event) {
        return match.matches(event);
    }

    /** The direct: endpoint of the route that sends this sink's batches (routes/sinks/). */
    public String sendEndpoint() {
        return "direct:send-to-sink-" + name;
    }
}
