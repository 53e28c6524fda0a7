package io.gatehouse.tedee;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.only;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.verify;

import java.time.Instant;
import java.util.Map;
import java.util.function.BiConsumer;

import org.apache.camel.CamelContext;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.gatehouse.inbox.InboxEntry;
import io.gatehouse.support.YamlRoute;

/** The content-based router of routes/normalize/tedee.camel.yaml: which normalizer method each Tedee event meets. */
class TedeeRouterTest {

    static final TedeeNormalizer NORMALIZER = mock(TedeeNormalizer.class);
    static CamelContext camel;
    static MockEndpoint stored;

    @BeforeAll
    static void start() throws Exception {
        camel = YamlRoute.load("normalize/tedee.camel.yaml", "normalize-tedee", Map.of("tedeeNormalizer", NORMALIZER),
                route -> route.mockEndpointsAndSkip("direct:store-access-event"));
        camel.start();
        stored = camel.getEndpoint("mock:direct:store-access-event", MockEndpoint.class);
    }

    @AfterAll
    static void stop() throws Exception {
        camel.close();
    }

    @Test
    void sendsLockStatusChangesToLockStatus() throws Exception {
        assertRouted("lock-status-changed", TedeeNormalizer::lockStatus);
    }

    @Test
    void sendsConnectionChangesToConnection() throws Exception {
        assertRouted("device-connection-changed", TedeeNormalizer::connection);
    }

    @Test
    void sendsBatteryLevelChangesToBattery() throws Exception {
        assertRouted("device-battery-level-changed", TedeeNormalizer::battery);
    }

    @Test
    void sendsSettingsChangesToSettings() throws Exception {
        assertRouted("device-settings-changed", TedeeNormalizer::settings);
    }

    @Test
    void sendsBellPressesToBell() throws Exception {
        assertRouted("bell-button-pressed", TedeeNormalizer::bell);
    }

    @Test
    void keepsAnyOtherEventAsUnknown() throws Exception {
        assertRouted("device-firmware-updated", TedeeNormalizer::unknown);
        assertRouted("lock-status-changed-v2", TedeeNormalizer::unknown);   // names are matched whole
    }

    private void assertRouted(String event, BiConsumer<TedeeNormalizer, InboxEntry> method) throws Exception {
        reset(NORMALIZER);
        stored.reset();
        stored.expectedMessageCount(1);
        InboxEntry entry = new InboxEntry("e1", "tedee", "k1", null, event, Instant.EPOCH, "{}", null);

        camel.createProducerTemplate().sendBody("direct:normalize-tedee", entry);

        method.accept(verify(NORMALIZER, only()), entry);
        stored.assertIsSatisfied();
    }
}
