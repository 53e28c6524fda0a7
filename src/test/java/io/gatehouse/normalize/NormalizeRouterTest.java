package io.gatehouse.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.apache.camel.CamelContext;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gatehouse.event.AccessEvent;
import io.gatehouse.event.EventType;
import io.gatehouse.inbox.InboxEntry;
import io.gatehouse.support.VendorFixtures;
import io.gatehouse.support.YamlRoute;
import io.gatehouse.telemetry.GatehouseMetrics;

/**
 * The route {@code normalize-event} (routes/normalize/normalize.camel.yaml): every stored event goes through its
 * vendor's type table to the store; an event type the table does not name is stored as unknown and counted.
 */
class NormalizeRouterTest {

    static final SimpleMeterRegistry REGISTRY = new SimpleMeterRegistry();
    static CamelContext camel;
    static MockEndpoint stored;

    @BeforeAll
    static void start() throws Exception {
        camel = YamlRoute.load("normalize/normalize.camel.yaml", "normalize-event", Map.of(
                        "canonicalMapper", new CanonicalMapper(VendorFixtures.catalog()),
                        "gatehouseMetrics", new GatehouseMetrics(REGISTRY, Clock.systemUTC(), null)),
                route -> route.mockEndpointsAndSkip("direct:store-access-event"));
        camel.start();
        stored = camel.getEndpoint("mock:direct:store-access-event", MockEndpoint.class);
    }

    @AfterAll
    static void stop() throws Exception {
        camel.close();
    }

    @BeforeEach
    void reset() {
        stored.reset();
        REGISTRY.clear();
    }

    @Test
    void storesAMappedEventAsItsCanonicalTypeWithoutCountingIt() throws Exception {
        stored.expectedMessageCount(1);

        send(VendorFixtures.fixture("verkada", "door_forced_open"));

        stored.assertIsSatisfied();
        assertThat(storedEvent().type()).isEqualTo(EventType.DOOR_FORCED_OPEN);
        assertThat(REGISTRY.find("gatehouse.events.unmapped").counter()).isNull();
    }

    @Test
    void storesAnEventTypeTheTableDoesNotNameAsUnknownAndCountsIt() throws Exception {
        stored.expectedMessageCount(1);

        send(VendorFixtures.fixture("seam", "access_code.created"));

        stored.assertIsSatisfied();
        assertThat(storedEvent().type()).isEqualTo(EventType.UNKNOWN);
        assertThat(storedEvent().vendorEventType()).isEqualTo("access_code.created");
        assertThat(REGISTRY.get("gatehouse.events.unmapped").tag("vendor", "seam").counter().count()).isEqualTo(1);
    }

    private static void send(InboxEntry entry) {
        camel.createProducerTemplate().sendBodyAndProperty("direct:normalize", entry, "inboxEntry", entry);
    }

    private static AccessEvent storedEvent() {
        return stored.getExchanges().get(0).getIn().getBody(AccessEvent.class);
    }
}
