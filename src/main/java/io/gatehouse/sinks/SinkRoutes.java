package io.gatehouse.sinks;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.gatehouse.sinks.SinksProperties.Kafka;
import io.gatehouse.telemetry.GatehouseMetrics;

/**
 * Starts each configured sink: its row in sink_state, its lag and parked gauges, and two routes from the templates of
 * routes/sinks/: {@code forward-to-sink-<name>} (polls the outbox) and {@code send-to-sink-<name>} (its format).
 */
@Component
public class SinkRoutes implements CamelContextConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SinkRoutes.class);

    // producer settings that neither lose nor duplicate on retry, and that fail a batch within seconds when the
    // brokers are away (the batch then waits in the outbox) instead of holding the sink's lock for minutes.
    // max.block.ms is short because a producer that never reached the cluster waits that long for each record of
    // the batch; a reachable cluster answers in milliseconds.
    private static final Map<String, String> RELIABLE_PRODUCER = Map.of(
            "requestRequiredAcks", "all",
            "enableIdempotence", "true",
            "maxInFlightRequest", "5",
            "maxBlockMs", "1000",
            "deliveryTimeoutMs", "30000",
            "requestTimeoutMs", "10000");

    private final SinkCatalog catalog;
    private final SinkStates states;
    private final SinkOutbox outbox;
    private final SinksProperties properties;
    private final GatehouseMetrics metrics;
    private final Clock clock;

    public SinkRoutes(SinkCatalog catalog, SinkStates states, SinkOutbox outbox, SinksProperties properties,
                      GatehouseMetrics metrics, Clock clock) {
        this.catalog = catalog;
        this.states = states;
        this.outbox = outbox;
        this.properties = properties;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        // nothing yet: the route templates are read with the other routes, and the sinks' routes are made from
        // them once Camel runs (afterApplicationStart)
    }

    @Override
    public void afterApplicationStart(CamelContext camel) {
        states.create(catalog.all());
        for (Sink sink : catalog.all()) {
            metrics.watchSinkLag(sink.name(), () -> outbox.lag(sink.name()).events(), () -> {
                Instant oldest = outbox.lag(sink.name()).oldestRecordedAt();
                return oldest == null ? 0 : Math.max(0, Duration.between(oldest, clock.instant()).toMillis()) / 1000.0;
            });
            metrics.watchSinkParked(sink.name(), () -> outbox.parkedCount(sink.name()));
            Map<String, Object> send = new HashMap<>();
            send.put("sink", sink.name());
            if (sink.format() == SinkFormat.KAFKA) {
                send.put("endpoint", kafkaEndpoint(sink.target().kafka()));
            }
            Map<String, Object> forward = Map.of("sink", sink.name(),
                    "pollInterval", String.valueOf(properties.pollInterval().toMillis()));
            try {
                camel.addRouteFromTemplate("send-to-sink-" + sink.name(), sink.format().routeTemplate(), send);
                camel.addRouteFromTemplate("forward-to-sink-" + sink.name(), "forward-to-sink", forward);
            } catch (Exception e) {
                throw new IllegalStateException("sink '" + sink.name() + "' could not start: " + e.getMessage(), e);
            }
            LOG.info("sink {} ({}) started", sink.name(), sink.format().name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    /**
     * The camel-kafka endpoint of a Kafka sink. The operator's Kafka client properties pass as they are
     * (additionalProperties); sasl.jaas.config, which holds a password, goes as the option Camel masks in its logs.
     */
    static String kafkaEndpoint(Kafka kafka) {
        Map<String, String> options = new TreeMap<>(RELIABLE_PRODUCER);
        options.put("brokers", kafka.brokers());
        // the list's records each carry their own ce_* headers, not the exchange's
        options.put("batchWithIndividualHeaders", "true");
        kafka.properties().forEach((name, value) -> {
            if (name.equals("sasl.jaas.config")) {
                options.put("saslJaasConfig", value);
            } else {
                options.put("additionalProperties." + name, value);
            }
        });
        StringBuilder uri = new StringBuilder("kafka:").append(encode(kafka.topic()));
        char separator = '?';
        for (Map.Entry<String, String> option : options.entrySet()) {
            uri.append(separator).append(option.getKey()).append("=RAW(").append(option.getValue()).append(')');
            separator = '&';
        }
        return uri.toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
