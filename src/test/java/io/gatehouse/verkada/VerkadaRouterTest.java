package io.gatehouse.verkada;

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

/**
 * The content-based router of routes/normalize/verkada.camel.yaml: which normalizer method each Verkada notification
 * meets; a notification of any device but an access controller is kept as unknown whatever its type.
 */
class VerkadaRouterTest {

    static final VerkadaNormalizer NORMALIZER = mock(VerkadaNormalizer.class);
    static CamelContext camel;
    static MockEndpoint stored;

    @BeforeAll
    static void start() throws Exception {
        camel = YamlRoute.load("normalize/verkada.camel.yaml", "normalize-verkada",
                Map.of("verkadaNormalizer", NORMALIZER),
                route -> route.mockEndpointsAndSkip("direct:store-access-event"));
        camel.start();
        stored = camel.getEndpoint("mock:direct:store-access-event", MockEndpoint.class);
    }

    @AfterAll
    static void stop() throws Exception {
        camel.close();
    }

    @Test
    void sendsAcceptedAndRejectedCredentialsToCredential() throws Exception {
        assertRouted("access_control", "door_keycard_entered_accepted", VerkadaNormalizer::credential);
        assertRouted("access_control", "door_code_entered_rejected", VerkadaNormalizer::credential);
    }

    @Test
    void sendsDoorActivityToDoorActivity() throws Exception {
        for (String type : new String[] {"door_opened", "door_closed", "door_held_open", "door_forced_open",
                "door_tailgating", "door_tamper"}) {
            assertRouted("access_control", type, VerkadaNormalizer::doorActivity);
        }
    }

    @Test
    void sendsLockdownsToLockdown() throws Exception {
        assertRouted("access_control", "door_lockdown_started", VerkadaNormalizer::lockdown);
    }

    @Test
    void sendsAntiPassbackToAntiPassback() throws Exception {
        assertRouted("access_control", "door_apb_violation", VerkadaNormalizer::antiPassback);
    }

    @Test
    void sendsControllerConnectionToControllerConnection() throws Exception {
        assertRouted("access_control", "door_acu_offline", VerkadaNormalizer::controllerConnection);
        assertRouted("access_control", "door_acu_online", VerkadaNormalizer::controllerConnection);
    }

    @Test
    void keepsAnyOtherAccessControlTypeAsUnknown() throws Exception {
        assertRouted("access_control", "door_auxinput_change_state", VerkadaNormalizer::unknown);
        assertRouted("access_control", "door_keycard_entered", VerkadaNormalizer::unknown);
    }

    @Test
    void keepsNotificationsOfOtherDevicesAsUnknownWhateverTheirType() throws Exception {
        assertRouted("camera", "door_forced_open", VerkadaNormalizer::unknown);
        assertRouted("camera", "person_of_interest", VerkadaNormalizer::unknown);
        assertRouted(null, "door_keycard_entered_accepted", VerkadaNormalizer::unknown);
    }

    private void assertRouted(String deviceType, String notificationType,
                              BiConsumer<VerkadaNormalizer, InboxEntry> method) throws Exception {
        reset(NORMALIZER);
        stored.reset();
        stored.expectedMessageCount(1);
        VerkadaWebhook webhook = new VerkadaWebhook("org", "notification", "w1", 0L,
                new VerkadaWebhook.Data("e1", "d1", deviceType, 0L, 0L, notificationType,
                        null, null, null, null, null, null));
        InboxEntry entry = new InboxEntry("e1", "verkada", "e1", "e1", webhook.eventType(), Instant.EPOCH, "{}",
                webhook);

        camel.createProducerTemplate().sendBody("direct:normalize-verkada", entry);

        method.accept(verify(NORMALIZER, only()), entry);
        stored.assertIsSatisfied();
    }
}
