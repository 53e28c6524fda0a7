package io.gatehouse.kisi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gatehouse.config.TestVendorsProperties;
import io.gatehouse.definitions.VendorsProperties;
import io.gatehouse.event.AccessEvent;
import io.gatehouse.event.AccessMethod;
import io.gatehouse.event.EventType;
import io.gatehouse.event.Outcome;
import io.gatehouse.event.Ref;
import io.gatehouse.event.Severity;
import io.gatehouse.inbox.InboxEntry;
import io.gatehouse.ingress.TestExchanges;
import io.gatehouse.ingress.WebhookRejection;
import io.gatehouse.normalize.NormalizationLanes;
import io.gatehouse.support.SignedWebhooks;
import io.gatehouse.support.VendorFixtures;
import io.gatehouse.support.VendorVerifier;

/**
 * Kisi through vendor-definitions/kisi.yaml: every fixture of src/test/resources/kisi normalized as
 * routes/normalize/normalize.camel.yaml does, its lane, its de-duplication key, and {@code X-Signature} (hex
 * HMAC-SHA256 of the body) computed here independently.
 */
class KisiDefinitionTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final String SECRET = "kisi-signature-key-chosen-by-the-operator";
    private static final Ref MAIN_ENTRANCE = new Ref("1234", "Main Entrance", null, null);
    private static final Ref MAIN_ENTRANCE_LOCK = new Ref("1234", "Main Entrance", "lock", null);
    private static final Ref JANE = new Ref("1001", "Jane Example", null, null);

    private final NormalizationLanes lanes = new NormalizationLanes(VendorFixtures.catalog());

    /** Each fixture with its canonical type, method, routine lane, door, device and actor. */
    static Stream<Arguments> fixtures() {
        Ref placeholderDoor = new Ref("0", "string", null, null);
        return Stream.of(
                Arguments.of("lock.unlock", EventType.ACCESS_GRANTED, AccessMethod.UNKNOWN, true, MAIN_ENTRANCE,
                        MAIN_ENTRANCE_LOCK, JANE),
                Arguments.of("lock.unlock.placeholder", EventType.ACCESS_GRANTED, AccessMethod.UNKNOWN, true,
                        placeholderDoor, new Ref("0", "string", "lock", null), new Ref("0", "string", null, null)),
                Arguments.of("lock.unlock.legacy", EventType.ACCESS_DENIED, AccessMethod.UNKNOWN, false,
                        new Ref("1", null, null, null), new Ref("1", null, "lock", null),
                        new Ref("1", null, null, null)),
                Arguments.of("lock.unlock.denied", EventType.ACCESS_DENIED, AccessMethod.UNKNOWN, false,
                        MAIN_ENTRANCE, MAIN_ENTRANCE_LOCK, JANE),
                Arguments.of("lock.unlock.request_to_exit", EventType.LOCK_UNLOCKED, AccessMethod.UNKNOWN, true,
                        MAIN_ENTRANCE, MAIN_ENTRANCE_LOCK, null),
                Arguments.of("lock.lock", EventType.LOCK_LOCKED, AccessMethod.UNKNOWN, true, MAIN_ENTRANCE,
                        MAIN_ENTRANCE_LOCK, null),
                Arguments.of("lock.open", EventType.DOOR_OPENED, AccessMethod.UNKNOWN, true, MAIN_ENTRANCE,
                        MAIN_ENTRANCE_LOCK, null),
                Arguments.of("lock.close", EventType.DOOR_CLOSED, AccessMethod.UNKNOWN, true, MAIN_ENTRANCE,
                        MAIN_ENTRANCE_LOCK, null),
                Arguments.of("lock.held_open", EventType.DOOR_HELD_OPEN, AccessMethod.UNKNOWN, false, MAIN_ENTRANCE,
                        MAIN_ENTRANCE_LOCK, null),
                Arguments.of("lock.forced_open", EventType.DOOR_FORCED_OPEN, AccessMethod.UNKNOWN, false,
                        MAIN_ENTRANCE, MAIN_ENTRANCE_LOCK, null),
                Arguments.of("lock.lockdown", EventType.LOCKDOWN_STARTED, AccessMethod.UNKNOWN, false, MAIN_ENTRANCE,
                        MAIN_ENTRANCE_LOCK, JANE),
                Arguments.of("lock.cancel_lockdown", EventType.LOCKDOWN_ENDED, AccessMethod.UNKNOWN, false,
                        MAIN_ENTRANCE, MAIN_ENTRANCE_LOCK, JANE),
                Arguments.of("lock.scheduled_unlocks_started", EventType.LOCK_UNLOCKED, AccessMethod.AUTOMATIC, true,
                        MAIN_ENTRANCE, MAIN_ENTRANCE_LOCK, null),
                Arguments.of("lock.scheduled_unlocks_ended", EventType.LOCK_LOCKED, AccessMethod.AUTOMATIC, true,
                        MAIN_ENTRANCE, MAIN_ENTRANCE_LOCK, null),
                Arguments.of("lock.update", EventType.UNKNOWN, AccessMethod.UNKNOWN, true, MAIN_ENTRANCE,
                        MAIN_ENTRANCE_LOCK, JANE),
                Arguments.of("elevator.permit", EventType.ACCESS_GRANTED, AccessMethod.UNKNOWN, true, null, null,
                        JANE),
                Arguments.of("controller.tampered", EventType.DEVICE_TAMPERED, AccessMethod.UNKNOWN, false, null,
                        new Ref("88", "Controller Pro 2", "controller", null), null),
                Arguments.of("gateway.update", EventType.UNKNOWN, AccessMethod.UNKNOWN, true, null, null, JANE),
                Arguments.of("integration.elevated_error_rate", EventType.UNKNOWN, AccessMethod.UNKNOWN, false, null,
                        null, null),
                Arguments.of("user.sign_in", EventType.UNKNOWN, AccessMethod.UNKNOWN, true, null, null, JANE));
    }

    static List<String> fixtureNames() {
        return VendorFixtures.names("kisi");
    }

    @Test
    void everyFixtureHasAnExpectedNormalization() {
        assertThat(fixtures().map(arguments -> (String) arguments.get()[0]))
                .containsExactlyInAnyOrderElementsOf(fixtureNames());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("fixtures")
    void normalizesEveryFixture(String fixture, EventType type, AccessMethod method, boolean routine, Ref door,
                                Ref device, Ref actor) {
        InboxEntry entry = VendorFixtures.fixture("kisi", fixture);

        AccessEvent event = VendorFixtures.normalize(entry);

        assertThat(event.type()).isEqualTo(type);
        assertThat(event.method()).isEqualTo(method);
        assertThat(event.door()).isEqualTo(door);
        assertThat(event.device()).isEqualTo(device);
        assertThat(event.actor()).isEqualTo(actor);
        assertThat(event.vendor()).isEqualTo("kisi");
        assertThat(lanes.isRoutine(entry)).as("routine lane").isEqualTo(routine);
    }

    @Test
    void readsTheBriefsGrantedUnlock() {
        InboxEntry entry = VendorFixtures.fixture("kisi", "lock.unlock");

        AccessEvent event = VendorFixtures.normalize(entry);

        assertThat(event.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2024-03-01T08:15:02Z"));
        assertThat(event.site()).isEqualTo(new Ref("77", null, null, null));
        assertThat(event.vendorEventId()).isEqualTo("00000000-0000-4000-8000-000000000002");
        assertThat(event.vendorEventType()).isEqualTo("lock.unlock");
        assertThat(event.attributes()).containsEntry("organization_id", 42).containsEntry("actor_type", "User")
                .containsEntry("object_type", "Lock").containsEntry("success", true);
    }

    @Test
    void keepsTheReasonOfADenial() {
        AccessEvent event = VendorFixtures.normalize(VendorFixtures.fixture("kisi", "lock.unlock.denied"));

        assertThat(event.outcome()).isEqualTo(Outcome.DENIED);
        assertThat(event.severity()).isEqualTo(Severity.WARNING);
        assertThat(event.attributes()).containsEntry("error_code", "outside_schedule")
                .containsEntry("error_message", "Access restricted outside of the group's schedule");
    }

    @Test
    void readsTheLegacyShapeWithoutCopyingItsMessage() {
        InboxEntry entry = VendorFixtures.fixture("kisi", "lock.unlock.legacy");

        AccessEvent event = VendorFixtures.normalize(entry);

        assertThat(entry.vendorEventType()).isEqualTo("lock.unlock");
        assertThat(event.site()).isEqualTo(new Ref("1", null, null, null));
        assertThat(event.occurredAt()).as("an empty created_at: dated by receipt")
                .isEqualTo(VendorFixtures.RECEIVED_AT);
        assertThat(event.attributes()).containsEntry("error_code", "ffffff");
        assertThat(event.toString()).doesNotContain("user@example.com");
    }

    @ParameterizedTest(name = "success {0} -> {1}")
    @CsvSource({"true, ACCESS_GRANTED", "false, ACCESS_DENIED", "'\"false\"', ACCESS_DENIED",
            "'\"FALSE\"', ACCESS_DENIED", "'\"true\"', ACCESS_GRANTED"})
    void readsSuccessLeniently(String success, EventType type) {
        String body = VendorFixtures.text("kisi", "lock.unlock")
                .replace("\"success\": true", "\"success\": " + success);

        assertThat(VendorFixtures.normalize(VendorFixtures.entry("kisi", body)).type()).isEqualTo(type);
    }

    @ParameterizedTest(name = "online {0} -> {1}")
    @CsvSource({"false, DEVICE_DISCONNECTED, false", "true, DEVICE_CONNECTED, true"})
    void readsAGatewaysConnectionWhenItCarriesOne(boolean online, EventType type, boolean routine) {
        ObjectNode payload = VendorFixtures.tree("kisi", "gateway.update").put("online", online);
        InboxEntry entry = VendorFixtures.entry("kisi", payload);

        AccessEvent event = VendorFixtures.normalize(entry);

        assertThat(event.type()).isEqualTo(type);
        assertThat(event.device()).isEqualTo(new Ref("99", "Gateway Pro", "gateway", null));
        assertThat(lanes.isRoutine(entry)).isEqualTo(routine);
    }

    @Test
    void warnsOfAnIntegrationKisiMaySwitchOff() {
        AccessEvent event = VendorFixtures.normalize(VendorFixtures.fixture("kisi", "integration.elevated_error_rate"));

        assertThat(event.severity()).isEqualTo(Severity.WARNING);
    }

    @Test
    void deduplicatesOnTheUuidThenTheLegacyIdThenTheBody() {
        ObjectNode first = VendorFixtures.tree("kisi", "lock.unlock");
        ObjectNode resent = first.deepCopy().put("created_at", "2024-03-01T08:15:09Z");
        ObjectNode legacy = VendorFixtures.tree("kisi", "lock.unlock.legacy").put("id", 4711);

        assertThat(VendorFixtures.entry("kisi", first).deduplicationKey())
                .isEqualTo("00000000-0000-4000-8000-000000000002")
                .isEqualTo(VendorFixtures.entry("kisi", resent).deduplicationKey());
        assertThat(VendorFixtures.entry("kisi", legacy).deduplicationKey()).isEqualTo("4711");
        assertThat(VendorFixtures.fixture("kisi", "lock.unlock.legacy").deduplicationKey()).startsWith("body:");
    }

    @Test
    void acceptsTheSignatureInEitherCase() {
        String body = VendorFixtures.text("kisi", "lock.unlock");

        assertThatCode(() -> verifier(SECRET).verify(request(body, signature(SECRET, body))))
                .doesNotThrowAnyException();
        assertThatCode(() -> verifier(SECRET).verify(request(body, signature(SECRET, body).toUpperCase(Locale.ROOT))))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesAnotherKeyAnAlteredBodyAndAPrefixedOrBase64Signature() {
        String body = VendorFixtures.text("kisi", "lock.unlock");

        assertRefused(request(body, signature("another-key", body)), "invalid_signature");
        assertRefused(request(body.replace("Main Entrance", "Back Door"), signature(SECRET, body)),
                "invalid_signature");
        assertRefused(request(body, "sha256=" + signature(SECRET, body)), "invalid_signature");
        assertRefused(request(body, java.util.Base64.getEncoder().encodeToString(
                HexFormat.of().parseHex(signature(SECRET, body)))), "invalid_signature");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void refusesAnUnsignedDeliveryUnlessVerificationIsSwitchedOff(boolean verify) {
        String body = VendorFixtures.text("kisi", "lock.unlock");
        VendorVerifier verifier = VendorVerifier.of("kisi", new VendorsProperties(Map.of("kisi",
                new VendorsProperties.VendorSettings(List.of(SECRET), verify, null)), null),
                Clock.fixed(NOW, ZoneOffset.UTC));

        if (verify) {
            WebhookRejection rejection = catchThrowableOfType(WebhookRejection.class,
                    () -> verifier.verify(request(body, null)));
            assertThat(rejection.code()).isEqualTo("missing_signature");
        } else {
            assertThatCode(() -> verifier.verify(request(body, null))).doesNotThrowAnyException();
        }
    }

    @Test
    void refusesEveryWebhookWithoutAConfiguredKey() {
        String body = VendorFixtures.text("kisi", "lock.unlock");

        WebhookRejection rejection = catchThrowableOfType(WebhookRejection.class,
                () -> verifier(null).verify(request(body, signature(SECRET, body))));

        assertThat(rejection.status()).isEqualTo(401);
        assertThat(rejection.code()).isEqualTo("vendor_not_configured");
    }

    private static VendorVerifier verifier(String secret) {
        return VendorVerifier.of("kisi", new VendorsProperties(Map.of("kisi", TestVendorsProperties.signed(secret)),
                null), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static void assertRefused(Exchange exchange, String code) {
        WebhookRejection rejection = catchThrowableOfType(WebhookRejection.class,
                () -> verifier(SECRET).verify(exchange));

        assertThat(rejection).as("a WebhookRejection").isNotNull();
        assertThat(rejection.status()).isEqualTo(401);
        assertThat(rejection.code()).isEqualTo(code);
    }

    private static String signature(String secret, String body) {
        return SignedWebhooks.kisiSignature(secret, body);
    }

    private static Exchange request(String body, String signature) {
        Exchange exchange = TestExchanges.webhook(body.getBytes(StandardCharsets.UTF_8));
        if (signature != null) {
            exchange.getIn().setHeader("X-Signature", signature);
        }
        return exchange;
    }
}
