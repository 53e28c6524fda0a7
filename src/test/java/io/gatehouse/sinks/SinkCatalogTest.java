package io.gatehouse.sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.gatehouse.alerting.RulesProperties.Match;
import io.gatehouse.event.AccessEventBuilder;
import io.gatehouse.event.EventType;
import io.gatehouse.event.Ref;
import io.gatehouse.sinks.SinksProperties.CloudEventsHttp;
import io.gatehouse.sinks.SinksProperties.Kafka;
import io.gatehouse.sinks.SinksProperties.SplunkHec;
import io.gatehouse.sinks.SinksProperties.Target;
import io.gatehouse.support.VendorFixtures;

class SinkCatalogTest {

    static final Kafka KAFKA = new Kafka("events", "kafka-1:9092", Map.of());
    static final SplunkHec HEC = new SplunkHec("https://splunk:8088", "token", null, "gatehouse",
            "gatehouse:access_event", Duration.ofSeconds(10));

    static SinkCatalog catalog(Map<String, Target> targets) {
        return new SinkCatalog(new SinksProperties(Duration.ofMillis(500), 200, Duration.ofSeconds(30), 3, targets),
                VendorFixtures.catalog());
    }

    static Match match(List<String> types, List<String> vendors) {
        return new Match(types, vendors, null, null, null, null, null, null, null, null);
    }

    @Test
    void aSinkWithoutMatchWantsEveryEvent() {
        Sink sink = catalog(Map.of("all", new Target(null, "door", false, KAFKA, null, null))).named("all")
                .orElseThrow();

        assertThat(sink.format()).isEqualTo(SinkFormat.KAFKA);
        assertThat(sink.wants(event(EventType.DOOR_OPENED).build())).isTrue();
        assertThat(sink.wants(event(EventType.UNKNOWN).build())).isTrue();
    }

    @Test
    void aSinkWantsWhatItsMatchSays() {
        Sink sink = catalog(Map.of("forced", new Target(match(List.of("door.*"), List.of("verkada")), "door", false,
                null, HEC, null))).named("forced").orElseThrow();

        assertThat(sink.wants(event(EventType.DOOR_FORCED_OPEN).build())).isTrue();
        assertThat(sink.wants(event(EventType.LOCK_LOCKED).build())).isFalse();
    }

    @Test
    void refusesATypeThatIsNotCanonicalNamingTheSink() {
        assertThatThrownBy(() -> catalog(Map.of("soc", new Target(match(List.of("door.forcedopen"), null), "door",
                false, KAFKA, null, null))))
                .hasMessageStartingWith("sink 'soc': match.types 'door.forcedopen' is not a canonical event type");
    }

    @Test
    void refusesAnUnknownVendor() {
        assertThatThrownBy(() -> catalog(Map.of("soc", new Target(match(null, List.of("acme")), "door", false, KAFKA,
                null, null)))).hasMessageContaining("sink 'soc': match.vendors 'acme' is not a vendor");
    }

    @Test
    void refusesASinkWithTwoFormatsOrNone() {
        assertThatThrownBy(() -> catalog(Map.of("both", new Target(null, "door", false, KAFKA, HEC, null))))
                .hasMessageContaining("gatehouse.sinks.targets.both: give exactly one of kafka, splunk-hec or "
                        + "cloudevents");
        assertThatThrownBy(() -> catalog(Map.of("none", new Target(null, "door", false, null, null, null))))
                .hasMessageContaining("gatehouse.sinks.targets.none: give exactly one");
    }

    @Test
    void refusesAMissingTopicTokenOrUrl() {
        assertThatThrownBy(() -> catalog(Map.of("k", new Target(null, "door", false,
                new Kafka(" ", "b:9092", Map.of()), null, null))))
                .hasMessageContaining("gatehouse.sinks.targets.k.kafka.topic is missing");
        assertThatThrownBy(() -> catalog(Map.of("s", new Target(null, "door", false, null,
                new SplunkHec("https://s", "", null, "gatehouse", "gatehouse:access_event", Duration.ofSeconds(1)),
                null))))
                .hasMessageContaining("gatehouse.sinks.targets.s.splunk-hec.token is missing");
        assertThatThrownBy(() -> catalog(Map.of("c", new Target(null, "door", false, null, null,
                new CloudEventsHttp(null, null, Duration.ofSeconds(1))))))
                .hasMessageContaining("gatehouse.sinks.targets.c.cloudevents.url is missing");
    }

    @Test
    void refusesAnUnknownKeyAndANameThatCannotBeARouteId() {
        assertThatThrownBy(() -> catalog(Map.of("k", new Target(null, "room", false, KAFKA, null, null))))
                .hasMessageContaining("gatehouse.sinks.targets.k.key: 'room' is not one of site, door, device");
        assertThatThrownBy(() -> catalog(Map.of("Soc Kafka", new Target(null, "door", false, KAFKA, null, null))))
                .hasMessageContaining("lower-case letters, digits and '-'");
    }

    @Test
    void keysARecordByTheChosenThingsIdElseItsName() {
        var event = event(EventType.DOOR_OPENED).door(new Ref("door-1", "Front", null, null))
                .site(new Ref(null, "HQ", null, null)).build();

        assertThat(SinkKey.DOOR.of(event)).isEqualTo("door-1");
        assertThat(SinkKey.SITE.of(event)).isEqualTo("HQ");
        assertThat(SinkKey.DEVICE.of(event)).isNull();
    }

    @Test
    void streamsTheActorsIdButNotTheirNameOrEmailUnlessTheSinkIncludesPersonalData() {
        var event = event(EventType.ACCESS_GRANTED).door(new Ref("door-1", "Front", null, null))
                .actor(Ref.actor("user-7", "John Smith", "john.smith@example.com")).attribute("credential", "remote")
                .build();
        Sink siem = catalog(Map.of("siem", new Target(null, "door", false, KAFKA, null, null))).named("siem")
                .orElseThrow();
        Sink lake = catalog(Map.of("lake", new Target(null, "door", true, KAFKA, null, null))).named("lake")
                .orElseThrow();

        var streamed = siem.streamed(event);
        assertThat(streamed.actor()).isEqualTo(new Ref("user-7", null, null, null));
        assertThat(streamed).usingRecursiveComparison().ignoringFields("actor").isEqualTo(event);
        assertThat(lake.streamed(event)).isSameAs(event);
        var nameOnly = event(EventType.ACCESS_GRANTED).actor(Ref.of(null, "John Smith")).build();
        assertThat(siem.streamed(nameOnly).actor()).isNull();
        assertThat(siem.streamed(event(EventType.DOOR_OPENED).build()).actor()).isNull();
    }

    @Test
    void producesWithoutLossOrDuplicatesAndKeepsTheJaasConfigInTheMaskedOption() {
        String uri = SinkRoutes.kafkaEndpoint(new Kafka("gatehouse.events", "k1:9093,k2:9093", Map.of(
                "security.protocol", "SASL_SSL",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;")));

        assertThat(uri).startsWith("kafka:gatehouse.events?")
                .contains("requestRequiredAcks=RAW(all)", "enableIdempotence=RAW(true)", "brokers=RAW(k1:9093,k2:9093)",
                        "additionalProperties.security.protocol=RAW(SASL_SSL)",
                        "saslJaasConfig=RAW(org.apache.kafka.common.security.scram.ScramLoginModule required;)")
                .doesNotContain("additionalProperties.sasl.jaas.config");
    }

    static AccessEventBuilder event(EventType type) {
        return new AccessEventBuilder("e1", "verkada", Instant.parse("2025-03-04T12:00:00Z")).type(type);
    }
}
