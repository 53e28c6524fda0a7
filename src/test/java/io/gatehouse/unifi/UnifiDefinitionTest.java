package io.gatehouse.unifi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
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
import io.gatehouse.inbox.InboxEntry;
import io.gatehouse.ingress.TestExchanges;
import io.gatehouse.ingress.WebhookRejection;
import io.gatehouse.normalize.NormalizationLanes;
import io.gatehouse.support.SignedWebhooks;
import io.gatehouse.support.VendorFixtures;
import io.gatehouse.support.VendorVerifier;

/**
 * UniFi Access through vendor-definitions/unifi.yaml: every fixture of src/test/resources/unifi normalized as
 * routes/normalize/normalize.camel.yaml does, its lane, its de-duplication key, and the Signature header
 * ({@code t=<unix seconds>,v1=<hex HMAC-SHA256 over "<t>.<body>">}) computed here independently.
 */
class UnifiDefinitionTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final String SECRET = "6601f1243d2ff70f";
    private static final Ref FRONT_DOOR = new Ref("00000000-0000-4000-8000-000000000010", "Front Door", null, null);
    private static final Ref SIDE_DOOR = new Ref("00000000-0000-4000-8000-000000000011", "Side Door", null, null);
    private static final Ref FRONT_HUB = new Ref("0000000000aa", "UA-HUB-00AA", "UAH", null);
    private static final Ref SIDE_HUB = new Ref("0000000000bb", "EAH-8-00BB", "UAH-Ent", null);
    private static final Ref READER = new Ref("0000000000cc", "UA-G2-PRO-00CC", "UA-G2-PRO", null);
    private static final Ref JANE = new Ref("00000000-0000-4000-8000-000000000030", "Jane Example", null, null);

    private final NormalizationLanes lanes = new NormalizationLanes(VendorFixtures.catalog());

    /** Each fixture with its canonical type, outcome, method, routine lane, door, device and actor. */
    static Stream<Arguments> fixtures() {
        return Stream.of(
                Arguments.of("access.door.unlock", EventType.ACCESS_GRANTED, Outcome.SUCCESS, AccessMethod.CARD,
                        true, FRONT_DOOR, FRONT_HUB, JANE),
                Arguments.of("access.door.unlock.denied", EventType.ACCESS_DENIED, Outcome.DENIED,
                        AccessMethod.KEYCODE, false, FRONT_DOOR, READER, JANE),
                Arguments.of("access.door.unlock.remote", EventType.LOCK_UNLOCKED, Outcome.SUCCESS,
                        AccessMethod.REMOTE, true, FRONT_DOOR, FRONT_HUB, JANE),
                Arguments.of("access.device.dps_status", EventType.DOOR_OPENED, Outcome.UNKNOWN, AccessMethod.UNKNOWN,
                        true, SIDE_DOOR, SIDE_HUB, null),
                Arguments.of("access.device.dps_status.close", EventType.DOOR_CLOSED, Outcome.UNKNOWN,
                        AccessMethod.UNKNOWN, true, SIDE_DOOR, SIDE_HUB, null),
                Arguments.of("access.doorbell.incoming", EventType.DOORBELL_PRESSED, Outcome.UNKNOWN,
                        AccessMethod.UNKNOWN, false, FRONT_DOOR, READER, null),
                Arguments.of("access.doorbell.incoming.REN", EventType.DOORBELL_PRESSED, Outcome.UNKNOWN,
                        AccessMethod.BUTTON, false, FRONT_DOOR, READER, null),
                Arguments.of("access.doorbell.completed", EventType.DOORBELL_ENDED, Outcome.UNKNOWN,
                        AccessMethod.UNKNOWN, true, null, null, null),
                Arguments.of("access.device.emergency_status", EventType.LOCKDOWN_STARTED, Outcome.UNKNOWN,
                        AccessMethod.UNKNOWN, false, FRONT_DOOR, FRONT_HUB, null),
                Arguments.of("access.device.emergency_status.evacuation", EventType.EVACUATION_STARTED,
                        Outcome.UNKNOWN, AccessMethod.UNKNOWN, false, FRONT_DOOR, FRONT_HUB, null),
                Arguments.of("access.device.emergency_status.cleared", EventType.UNKNOWN, Outcome.UNKNOWN,
                        AccessMethod.UNKNOWN, false, FRONT_DOOR, FRONT_HUB, null),
                Arguments.of("access.unlock_schedule.activate", EventType.LOCK_UNLOCKED, Outcome.SUCCESS,
                        AccessMethod.AUTOMATIC, true, FRONT_DOOR, FRONT_HUB, null),
                Arguments.of("access.unlock_schedule.deactivate", EventType.LOCK_LOCKED, Outcome.SUCCESS,
                        AccessMethod.AUTOMATIC, true, FRONT_DOOR, FRONT_HUB, null),
                Arguments.of("access.temporary_unlock.start", EventType.LOCK_UNLOCKED, Outcome.SUCCESS,
                        AccessMethod.REMOTE, true, SIDE_DOOR, SIDE_HUB, null),
                Arguments.of("access.temporary_unlock.end", EventType.LOCK_LOCKED, Outcome.SUCCESS,
                        AccessMethod.AUTOMATIC, true, SIDE_DOOR, SIDE_HUB, null),
                Arguments.of("access.visitor.status.changed", EventType.UNKNOWN, Outcome.UNKNOWN,
                        AccessMethod.UNKNOWN, true, null, null, null));
    }

    static List<String> fixtureNames() {
        return VendorFixtures.names("unifi");
    }

    @Test
    void everyFixtureHasAnExpectedNormalization() {
        assertThat(fixtures().map(arguments -> (String) arguments.get()[0]))
                .containsExactlyInAnyOrderElementsOf(fixtureNames());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("fixtures")
    void normalizesEveryFixture(String fixture, EventType type, Outcome outcome, AccessMethod method,
                                boolean routine, Ref door, Ref device, Ref actor) {
        InboxEntry entry = VendorFixtures.fixture("unifi", fixture);

        AccessEvent event = VendorFixtures.normalize(entry);

        assertThat(event.type()).isEqualTo(type);
        assertThat(event.outcome()).isEqualTo(outcome);
        assertThat(event.method()).isEqualTo(method);
        assertThat(event.door()).isEqualTo(door);
        assertThat(event.device()).isEqualTo(device);
        assertThat(event.actor()).isEqualTo(actor);
        assertThat(event.severity()).isEqualTo(type.defaultSeverity());
        assertThat(event.vendor()).isEqualTo("unifi");
        assertThat(event.vendorEventType()).isEqualTo(VendorFixtures.payload(entry).path("event").asText());
        assertThat(event.site()).as("the console sends no site").isNull();
        assertThat(event.occurredAt()).as("the body carries no event time").isEqualTo(VendorFixtures.RECEIVED_AT);
        assertThat(lanes.isRoutine(entry)).as("routine lane").isEqualTo(routine);
    }

    @Test
    void keepsTheRawEventObjectIdAndTheDecisionInAttributes() {
        AccessEvent event = VendorFixtures.normalize(VendorFixtures.fixture("unifi", "access.door.unlock.denied"));

        assertThat(event.attributes())
                .containsEntry("event_object_id", "00000000-0000-4000-8000-000000000002")
                .containsEntry("authentication_type", "PIN_CODE")
                .containsEntry("result", "Access Denied")
                .containsEntry("policy_name", "Office hours")
                .containsEntry("reader_id", "0000000000cc")
                .containsEntry("location_type", "door")
                .containsEntry("device_alias", "Lobby Reader")
                .containsEntry("actor_type", "user");
    }

    @ParameterizedTest
    @ValueSource(strings = {"access.door.unlock.denied", "access.door.unlock.remote"})
    void neverCopiesTheAuthenticationValueIntoTheCanonicalEvent(String fixture) {
        ObjectNode payload = VendorFixtures.tree("unifi", fixture);
        ((ObjectNode) payload.get("data").get("object")).put("authentication_value", "CARD-0047119");

        AccessEvent event = VendorFixtures.normalize(VendorFixtures.entry("unifi", payload));

        assertThat(event.toString()).doesNotContain("0047119");
        assertThat(event.attributes().values()).allSatisfy(value ->
                assertThat(String.valueOf(value)).doesNotContain("0047119"));
    }

    @Test
    void leavesTheFixturesPinOutOfTheCanonicalEvent() {
        assertThat(VendorFixtures.text("unifi", "access.door.unlock.denied")).contains("482913");

        AccessEvent event = VendorFixtures.normalize(VendorFixtures.fixture("unifi", "access.door.unlock.denied"));

        assertThat(event.toString()).doesNotContain("482913");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "NFC, CARD", "PIN_CODE, KEYCODE", "MOBILE_TAP, MOBILE", "TOUCH_PASS, MOBILE",
            "FACE, UNKNOWN", "QR_CODE, UNKNOWN"})
    void mapsEveryAuthenticationType(String authenticationType, AccessMethod method) {
        ObjectNode payload = VendorFixtures.tree("unifi", "access.door.unlock");
        ((ObjectNode) payload.get("data").get("object")).put("authentication_type", authenticationType);

        AccessEvent event = VendorFixtures.normalize(VendorFixtures.entry("unifi", payload));

        assertThat(event.type()).isEqualTo(EventType.ACCESS_GRANTED);
        assertThat(event.method()).isEqualTo(method);
        assertThat(event.attributes()).containsEntry("authentication_type", authenticationType);
    }

    @ParameterizedTest(name = "result {0} -> {1}")
    @CsvSource({"ACCESS, ACCESS_GRANTED", "BLOCKED, ACCESS_DENIED", "Access Denied, ACCESS_DENIED"})
    void readsTheResultAsGrantedOnlyWhenItSaysSo(String result, EventType type) {
        ObjectNode payload = VendorFixtures.tree("unifi", "access.door.unlock");
        ((ObjectNode) payload.get("data").get("object")).put("result", result);

        assertThat(VendorFixtures.normalize(VendorFixtures.entry("unifi", payload)).type()).isEqualTo(type);
    }

    @Test
    void anUnlockWithoutResultIsAnUnlock() {
        ObjectNode payload = VendorFixtures.tree("unifi", "access.door.unlock");
        ((ObjectNode) payload.get("data").get("object")).remove("result");

        AccessEvent event = VendorFixtures.normalize(VendorFixtures.entry("unifi", payload));

        assertThat(event.type()).isEqualTo(EventType.LOCK_UNLOCKED);
        assertThat(event.method()).isEqualTo(AccessMethod.CARD);
    }

    @Test
    void anUnknownDoorPositionIsStoredAsUnknownWithItsStatus() {
        ObjectNode payload = VendorFixtures.tree("unifi", "access.device.dps_status");
        ((ObjectNode) payload.get("data").get("object")).put("status", "fault");

        AccessEvent event = VendorFixtures.normalize(VendorFixtures.entry("unifi", payload));

        assertThat(event.type()).isEqualTo(EventType.UNKNOWN);
        assertThat(event.attributes()).containsEntry("dps_status", "fault");
    }

    @ParameterizedTest(name = "reason_code {0} -> {1}")
    @CsvSource({"105, timed_out", "106, declined", "107, unlocked_by_admin", "108, cancelled_by_visitor",
            "400, answered_by_another_admin"})
    void namesTheReasonADoorbellCallEnded(int code, String reason) {
        ObjectNode payload = VendorFixtures.tree("unifi", "access.doorbell.completed");
        ((ObjectNode) payload.get("data").get("object")).put("reason_code", code);

        AccessEvent event = VendorFixtures.normalize(VendorFixtures.entry("unifi", payload));

        assertThat(event.attributes()).containsEntry("reason_code", code).containsEntry("reason", reason);
    }

    @Test
    void storesAnyOtherEventAsUnknown() {
        AccessEvent event = VendorFixtures.normalize(VendorFixtures.entry("unifi",
                "{\"event\":\"access.data.device.update\",\"data\":{\"device\":{\"id\":\"0000000000aa\"}}}"));

        assertThat(event.type()).isEqualTo(EventType.UNKNOWN);
        assertThat(event.device()).isEqualTo(new Ref("0000000000aa", null, null, null));
    }

    @Test
    void deduplicatesOnTheBodyForTheConsoleSendsNoEventId() {
        InboxEntry first = VendorFixtures.fixture("unifi", "access.door.unlock");
        InboxEntry again = VendorFixtures.fixture("unifi", "access.door.unlock");
        InboxEntry other = VendorFixtures.fixture("unifi", "access.door.unlock.denied");

        assertThat(first.deduplicationKey()).startsWith("body:").isEqualTo(again.deduplicationKey())
                .isNotEqualTo(other.deduplicationKey());
        assertThat(first.vendorEventId()).isNull();
    }

    @Test
    void acceptsTheSignatureOverTimestampDotBody() {
        String body = VendorFixtures.text("unifi", "access.door.unlock");

        assertThatCode(() -> verifier(SECRET).verify(request(body, header(SECRET, body, NOW))))
                .doesNotThrowAnyException();
        assertThatCode(() -> verifier(SECRET).verify(request(body, header(SECRET, body, NOW).toUpperCase()
                .replace("T=", "t=").replace("V1=", "v1=")))).doesNotThrowAnyException();
    }

    @Test
    void refusesAnotherSecretAnAlteredBodyAndASignatureOverTheBodyAlone() {
        String body = VendorFixtures.text("unifi", "access.door.unlock");
        long t = NOW.getEpochSecond();

        assertRefused(request(body, header("0000000000000000", body, NOW)), "invalid_signature");
        assertRefused(request(body.replace("Front Door", "Back Door"), header(SECRET, body, NOW)),
                "invalid_signature");
        assertRefused(request(body, "t=" + t + ",v1=" + hmacHex(SECRET, body)), "invalid_signature");
        assertRefused(request(body, "t=" + (t - 1) + ",v1=" + hmacHex(SECRET, t + "." + body)),
                "invalid_signature");
    }

    @Test
    void refusesAStaleOrFutureTimestampAndHonoursAConfiguredTolerance() {
        String body = VendorFixtures.text("unifi", "access.door.unlock");
        Instant sixMinutesAgo = NOW.minus(Duration.ofMinutes(6));

        assertRefused(request(body, header(SECRET, body, sixMinutesAgo)), "stale_timestamp");
        assertRefused(request(body, header(SECRET, body, NOW.plus(Duration.ofMinutes(6)))), "stale_timestamp");
        VendorVerifier lenient = VendorVerifier.of("unifi", new VendorsProperties(Map.of("unifi",
                new VendorsProperties.VendorSettings(List.of(SECRET), true, Duration.ofMinutes(10))), null),
                Clock.fixed(NOW, ZoneOffset.UTC));
        assertThatCode(() -> lenient.verify(request(body, header(SECRET, body, sixMinutesAgo))))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "v1=abc", "t=1780315200", "1780315200|abc"})
    void refusesAMissingOrMalformedHeader(String value) {
        String body = VendorFixtures.text("unifi", "access.door.unlock");

        assertRefused(request(body, value.isEmpty() ? null : value), "missing_signature");
    }

    @Test
    void refusesEveryWebhookWithoutAConfiguredSecret() {
        String body = VendorFixtures.text("unifi", "access.door.unlock");
        VendorVerifier unconfigured = verifier(null);

        WebhookRejection rejection = catchThrowableOfType(WebhookRejection.class,
                () -> unconfigured.verify(request(body, header(SECRET, body, NOW))));

        assertThat(rejection.code()).isEqualTo("vendor_not_configured");
    }

    private static VendorVerifier verifier(String secret) {
        return VendorVerifier.of("unifi", new VendorsProperties(Map.of("unifi", TestVendorsProperties.signed(secret)),
                null), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private void assertRefused(Exchange exchange, String code) {
        WebhookRejection rejection = catchThrowableOfType(WebhookRejection.class,
                () -> verifier(SECRET).verify(exchange));

        assertThat(rejection).as("a WebhookRejection").isNotNull();
        assertThat(rejection.status()).isEqualTo(401);
        assertThat(rejection.code()).isEqualTo(code);
    }

    private static String header(String secret, String body, Instant at) {
        return SignedWebhooks.unifiSignature(secret, body, at);
    }

    private static String hmacHex(String secret, String signed) {
        return SignedWebhooks.hmacSha256Hex(secret, signed);
    }

    private static Exchange request(String body, String signature) {
        Exchange exchange = TestExchanges.webhook(body.getBytes(StandardCharsets.UTF_8));
        if (signature != null) {
            exchange.getIn().setHeader("Signature", signature);
        }
        return exchange;
    }
}
