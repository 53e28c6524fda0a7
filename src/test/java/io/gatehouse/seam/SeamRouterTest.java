package io.gatehouse.seam;

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

/** The content-based router of routes/normalize/seam.camel.yaml: which normalizer method each Seam event type meets. */
class SeamRouterTest {

    static final SeamNormalizer NORMALIZER = mock(SeamNormalizer.class);
    static CamelContext camel;
    static MockEndpoint stored;

    @BeforeAll
    static void start() throws Exception {
        camel = YamlRoute.load("normalize/seam.camel.yaml", "normalize-seam", Map.of("seamNormalizer", NORMALIZER),
                route -> route.mockEndpointsAndSkip("direct:store-access-event"));
        camel.start();
        stored = camel.getEndpoint("mock:direct:store-access-event", MockEndpoint.class);
    }

    @AfterAll
    static void stop() throws Exception {
        camel.close();
    }

    @Test
    void sendsLockEventsToLockEvent() throws Exception {
        assertRouted("lock.unlocked", SeamNormalizer::lockEvent);
        assertRouted("lock.locked", SeamNormalizer::lockEvent);
    }

    @Test
    void sendsActionAttemptsToActionAttempt() throws Exception {
        assertRouted("action_attempt.lock_door.failed", SeamNormalizer::actionAttempt);
    }

    @Test
    void sendsAccessSystemEventsToAccessSystem() throws Exception {
        assertRouted("acs_system.disconnected", SeamNormalizer::accessSystem);
    }

    @Test
    void sendsDeviceEventsToDeviceEvent() throws Exception {
        assertRouted("device.low_battery", SeamNormalizer::deviceEvent);
    }

    @Test
    void keepsAnyOtherTypeAsUnknown() throws Exception {
        assertRouted("foo.bar", SeamNormalizer::unknown);
        assertRouted("access_code.created", SeamNormalizer::unknown);
        assertRouted("locked", SeamNormalizer::unknown);   // a family is matched by its prefix and dot only
    }

    private void assertRouted(String eventType, BiConsumer<SeamNormalizer, InboxEntry> method) throws Exception {
        reset(NORMALIZER);
        stored.reset();
        stored.expectedMessageCount(1);
        InboxEntry entry = new InboxEntry("e1", "seam", "k1", "k1", eventType, Instant.EPOCH, "{}", null);

        camel.createProducerTemplate().sendBody("direct:normalize-seam", entry);

        method.accept(verify(NORMALIZER, only()), entry);
        stored.assertIsSatisfied();
    }
}
