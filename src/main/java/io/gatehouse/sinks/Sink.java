package io.gatehouse.sinks;

import java.util.Map;

import io.gatehouse.alerting.EventMatcher;
import io.gatehouse.event.AccessEvent;
import io.gatehouse.event.Ref;
import io.gatehouse.sinks.SinksProperties.Target;

/**
 * A configured sink, validated: its name (the key of its outbox rows and the tag of its metrics), the events it
 * receives, what of them, and where and how it sends them.
 */
public record Sink(String name, SinkFormat format, EventMatcher match, SinkKey key, Target target) {

    public boolean wants(AccessEvent event) {
        return match.matches(event);
    }

    /**
     * The event as this sink's platform receives it: without the actor's name and email unless the sink's
     * include-personal-data says so (their id stays, for the access system to resolve).
     */
    public AccessEvent streamed(AccessEvent event) {
        Ref actor = event.actor();
        if (target.includePersonalData() || actor == null || actor.name() == null && actor.email() == null) {
            return event;
        }
        Ref anonymous = actor.id() == null ? null : new Ref(actor.id(), null, actor.kind(), null);
        return event.withPlaces(event.device(), event.door(), event.site(), anonymous, event.zone(),
                event.attributes() == null ? Map.of() : event.attributes());
    }

    /** The direct: endpoint of the route that sends this sink's batches (routes/sinks/). */
    public String sendEndpoint() {
        return "direct:send-to-sink-" + name;
    }
}
