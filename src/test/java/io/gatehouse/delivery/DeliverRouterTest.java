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

/**
 * The content-based router of the route {@code send-to-channel} (routes/deliver/deliveries.camel.yaml): channel kind
 * to route, the alert as the body and the delivery as the exchange property, every header removed.
 */
class DeliverRouterTest {

    static CamelContext camel;
    static Map<String, MockEndpoint> routes;

    @BeforeAll
    static void start() throws Exception {
        camel = YamlRoute.load("deliver/deliveries.camel.yaml", "send-to-channel", Map.of(),
                route -> route.mockEndpointsAndSkip("direct:send-(slack|email|log|teams|pagerduty|webhook)"));
        camel.start();
        routes = new java.util.LinkedHashMap<>();
        for (String kind : List.of("slack", "email", "log", "teams", "pagerduty", "webhook")) {
            routes.put(kind, camel.getEndpoint("mock:direct:send-" + kind, MockEndpoint.class));
        }
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
        assertSentBy("slack:security", "slack");
    }

    @Test
    void sendsALogChannelsDeliveryToTheLogRoute() throws Exception {
        assertSentBy("log:audit", "log");
    }

    @Test
    void sendsAnEmailChannelsDeliveryToTheEmailRoute() throws Exception {
        assertSentBy("email:soc", "email");
    }

    @Test
    void sendsATeamsChannelsDeliveryToTheTeamsRoute() throws Exception {
        assertSentBy("teams:soc", "teams");
    }

    @Test
    void sendsAPagerDutyChannelsDeliveryToThePagerDutyRoute() throws Exception {
        assertSentBy("pagerduty:oncall", "pagerduty");
    }

    @Test
    void sendsAWebhookChannelsDeliveryToTheWebhookRoute() throws Exception {
        assertSentBy("webhook:siem", "webhook");
    }

    private void assertSentBy(String channel, String kind) throws Exception {
        Delivery delivery = new Delivery("d1", "a1", channel, 1, Instant.EPOCH, "e1", "seam", Delivery.TRIGGER);
        Object alert = "the alert";
        routes.forEach((each, route) -> {
            route.expectedMessageCount(each.equals(kind) ? 1 : 0);
            route.setResultWaitTime(100);   // the direct: send is synchronous: nothing arrives later
        });

        camel.createProducerTemplate().send("direct:send-to-channel", exchange -> {
            exchange.setProperty(DeliveryOutcomes.DELIVERY, delivery);
            exchange.getIn().setHeader("To", "attacker@evil.example");
            exchange.getIn().setBody(alert);
        });

        MockEndpoint.assertIsSatisfied(routes.values().toArray(new MockEndpoint[0]));
        MockEndpoint route = routes.get(kind);
        assertThat(route.getExchanges().get(0).getProperty(DeliveryOutcomes.DELIVERY)).isEqualTo(delivery);
        assertThat(route.getExchanges().get(0).getIn().getBody()).isEqualTo(alert);
        assertThat(route.getExchanges().get(0).getIn().getHeaders()).isEmpty();
    }
}
