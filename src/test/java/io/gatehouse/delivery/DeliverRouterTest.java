package io.gatehouse.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gatehouse.support.YamlRoute;

/** The content-based router of the route {@code deliver} (routes/deliver/deliveries.camel.yaml): channel kind to route. */
class DeliverRouterTest {

    static CamelContext camel;
    static MockEndpoint slack;
    static MockEndpoint log;
    static MockEndpoint email;

    @BeforeAll
    static void start() throws Exception {
        camel = YamlRoute.load("deliver/deliveries.camel.yaml", "deliver", Map.of(),
                route -> route.mockEndpointsAndSkip("direct:notify-*"));
        camel.start();
        slack = camel.getEndpoint("mock:direct:notify-slack", MockEndpoint.class);
        log = camel.getEndpoint("mock:direct:notify-log", MockEndpoint.class);
        email = camel.getEndpoint("mock:direct:notify-email", MockEndpoint.class);
    }

    @AfterAll
    static void stop() throws Exception {
        camel.close();
    }

    @BeforeEach
    void clear() {
        MockEndpoint.resetMocks(camel);
    }

    @Test
    void sendsASlackChannelsDeliveryToTheSlackRoute() throws Exception {
        assertDeliveredBy("slack:security", slack);
    }

    @Test
    void sendsALogChannelsDeliveryToTheLogRoute() throws Exception {
        assertDeliveredBy("log:audit", log);
    }

    @Test
    void sendsAnEmailChannelsDeliveryToTheEmailRoute() throws Exception {
        assertDeliveredBy("email:soc", email);
    }

    private void assertDeliveredBy(String channel, MockEndpoint route) throws Exception {
        Delivery delivery = new Delivery("d1", "a1", channel, 1, Instant.EPOCH, "e1", "seam");
        for (MockEndpoint each : List.of(slack, log, email)) {
            each.expectedMessageCount(each == route ? 1 : 0);
            each.setResultWaitTime(100);   // the direct: send is synchronous: nothing arrives later
        }

        camel.createProducerTemplate().sendBody("direct:deliver", delivery);

        MockEndpoint.assertIsSatisfied(slack, log, email);
        assertThat(route.getExchanges().get(0).getProperty("gatehouseDelivery")).isEqualTo(delivery);
        assertThat(route.getExchanges().get(0).getIn().getBody()).isEqualTo(delivery);
    }
}
