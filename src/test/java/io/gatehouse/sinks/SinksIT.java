package io.gatehouse.sinks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import io.gatehouse.support.Fixtures;
import io.gatehouse.support.GatehouseIntegrationTest;
import io.gatehouse.support.PrometheusScrape;
import io.gatehouse.support.SignedWebhooks;
import io.gatehouse.support.TcpProxy;

/**
 * Signed webhooks in; every event out to a Splunk HEC stub and a CloudEvents collector stub (WireMock) and to a
 * real Kafka broker started in this JVM (KRaft, no Docker). Each test names its own doors, so it counts only its
 * own events at the shared peers.
 */
@GatehouseIntegrationTest
@AutoConfigureObservability
@TestPropertySource(properties = "spring.config.additional-location=classpath:/sinks-test.yaml")
class SinksIT {

    static final WireMockServer HEC = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    static final EmbeddedKafkaKraftBroker KAFKA = new EmbeddedKafkaKraftBroker(1, 1, "gatehouse-events",
            "gatehouse-small");
    // Gatehouse reaches the broker only through this proxy, which a test cuts and restores as a broker stops and
    // starts again on its address: the broker advertises the proxy's port, so clients reconnect through it
    static final TcpProxy KAFKA_PROXY = new TcpProxy(KAFKA::getBrokersAsString);
    private static final ObjectMapper JSON = new ObjectMapper();
    // the badge holder of the Verkada fixture
    private static final String ACTOR_ID = "47c39a50-3575-40ee-bfe9-46e0fa8447db";
    private static final String ACTOR_NAME = "John Smith";
    private static final String ACTOR_EMAIL = "john.smith@example.com";

    static {
        HEC.start();
        KAFKA.brokerProperty("advertised.listeners", "EXTERNAL://127.0.0.1:" + KAFKA_PROXY.port());
        KAFKA.afterPropertiesSet();
    }

    @DynamicPropertySource
    static void peers(DynamicPropertyRegistry registry) {
        registry.add("test.hec.port", HEC::port);
        registry.add("test.kafka.brokers", () -> "127.0.0.1:" + KAFKA_PROXY.port());
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:gatehouse-sinks;MODE=PostgreSQL;"
                + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    }

    @AfterAll
    static void stopPeers() {
        HEC.stop();
        KAFKA.destroy();
        KAFKA_PROXY.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    SignedWebhooks webhooks;

    @BeforeEach
    void connect() {
        webhooks = new SignedWebhooks(port);
        HEC.resetAll();
        HEC.stubFor(post(urlEqualTo("/services/collector/event"))
                .willReturn(aResponse().withStatus(200).withBody("{\"text\":\"Success\",\"code\":0}")));
        HEC.stubFor(post(urlEqualTo("/cloudevents")).willReturn(aResponse().withStatus(202)));
    }

    @Test
    void streamsEveryEventOnceToSplunkHecInTheOrderRecorded() throws Exception {
        String door = "HecDoor-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String id = send(verkada("door_opened", door));
            awaitNormalized(id);
            sent.add(id);
        }

        await().atMost(Duration.ofSeconds(15)).until(() -> hecEvents(door).size() >= sent.size());
        List<JsonNode> received = hecEvents(door);
        assertThat(received).extracting(entry -> entry.get("event").get("id").asText()).containsExactlyElementsOf(sent);
        JsonNode first = received.get(0);
        assertThat(first.get("sourcetype").asText()).isEqualTo("gatehouse:access_event");
        assertThat(first.get("source").asText()).isEqualTo("gatehouse/verkada");
        assertThat(first.get("index").asText()).isEqualTo("physical_security");
        assertThat(first.get("host").asText()).isEqualTo("gatehouse");
        assertThat(first.get("time").isNumber()).isTrue();
        assertThat(first.get("event").get("type").asText()).isEqualTo("door.opened");
        assertThat(first.get("event").get("door").get("name").asText()).isEqualTo(door);
        assertThat(HEC.findAll(postRequestedFor(urlEqualTo("/services/collector/event"))))
                .allSatisfy(request -> assertThat(request.getHeader("Authorization"))
                        .isEqualTo("Splunk hec-test-token"));
        // the sink does not include personal data: the actor's id, not their name or email
        assertThat(first.get("event").get("actor").get("id").asText()).isEqualTo(ACTOR_ID);
        assertThat(HEC.findAll(postRequestedFor(urlEqualTo("/services/collector/event"))))
                .allSatisfy(request -> assertThat(request.getBodyAsString()).doesNotContain(ACTOR_EMAIL, ACTOR_NAME));
        await().atMost(Duration.ofSeconds(5)).until(() -> jdbc.queryForObject(
                "select count(*) from sink_outbox where sink = 'splunk'", Integer.class) == 0);
    }

    @Test
    void aSplunkOutageUnderAStreamOfWebhooksDelaysEventsButLosesAndRepeatsNone() throws Exception {
        String door = "OutageDoor-" + UUID.randomUUID().toString().substring(0, 8);
        StubMapping busy = HEC.stubFor(post(urlEqualTo("/services/collector/event")).atPriority(1)
                .willReturn(aResponse().withStatus(503).withBody("{\"text\":\"Server is busy\",\"code\":9}")));
        List<String> sent = Collections.synchronizedList(new ArrayList<>());
        ExecutorService senders = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> sending = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                sending.add(senders.submit(() -> sent.add(send(verkada("door_opened", door)))));
            }
            // while the webhooks still arrive (routine events may wait for the CPU), Splunk refuses every batch
            await().atMost(Duration.ofSeconds(30)).until(() -> metrics().value("gatehouse_sink_errors_total",
                    "sink", "splunk") >= 3);
            assertThat(metrics().value("gatehouse_sink_lag_events", "sink", "splunk")).isPositive();
            HEC.removeStub(busy);
            for (Future<?> future : sending) {
                future.get();
            }
        } finally {
            senders.shutdown();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> hecEvents(door).size() >= sent.size());
        List<String> ids = hecEvents(door).stream().map(entry -> entry.get("event").get("id").asText()).toList();
        assertThat(ids).hasSize(120).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(sent);
        assertThat(HEC.findAll(postRequestedFor(urlEqualTo("/services/collector/event")))).isNotEmpty();
        await().atMost(Duration.ofSeconds(5)).until(() -> metrics().value("gatehouse_sink_lag_events", "sink",
                "splunk") == 0);
    }

    @Test
    void anEventSplunkRefusesIsParkedAndTheOthersGoOnUntilItIsRetriedOrSkipped() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String door = "ParkDoor-" + run;
        String refusedDoor = "RefusedDoor-" + run;
        StubMapping invalid = splunkRefusesBatchesNaming(refusedDoor);
        List<String> sent = new ArrayList<>();
        for (String eventDoor : List.of(door, refusedDoor, door)) {
            sent.add(send(verkada("door_opened", eventDoor)));
            awaitNormalized(sent.get(sent.size() - 1));
        }
        String refused = sent.get(1);

        // refused alone max-attempts (2) times, it is parked; the events before and behind it arrive, once each
        await().atMost(Duration.ofSeconds(15)).until(() -> parked("splunk").get("count").asInt() == 1);
        await().atMost(Duration.ofSeconds(15)).until(() -> hecEvents(door).size() >= 2);
        assertThat(hecEvents(door)).extracting(entry -> entry.get("event").get("id").asText())
                .containsExactly(sent.get(0), sent.get(2));
        JsonNode parked = parked("splunk").get("parked").get(0);
        assertThat(parked.get("eventId").asText()).isEqualTo(refused);
        assertThat(parked.get("attempts").asInt()).isEqualTo(2);
        assertThat(parked.get("refusal").asText()).contains("HTTP 400", "Invalid data format");
        assertThat(metrics().value("gatehouse_sink_parked_events", "sink", "splunk")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> lag("splunk") == 0);
        assertThat(sinkProgress("splunk").get("parked").asInt()).isEqualTo(1);
        assertThat(hecEvents(refusedDoor)).isEmpty();

        // Splunk takes it now: retried, it arrives
        HEC.removeStub(invalid);
        HttpResponse<String> retry = webhooks.post("/api/sinks/splunk/parked/retry?event=" + refused, "",
                Map.of("Authorization", "Bearer " + SignedWebhooks.API_TOKEN));
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(202);
        assertThat(JSON.readTree(retry.body()).get("requeued").asInt()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(15)).until(() -> hecEvents(refusedDoor).size() >= 1);
        assertThat(hecEvents(refusedDoor)).extracting(entry -> entry.get("event").get("id").asText())
                .containsExactly(refused);
        assertThat(parked("splunk").get("count").asInt()).isZero();

        // refused again and parked, then skipped: never sent, and nothing waits
        invalid = splunkRefusesBatchesNaming(refusedDoor);
        String skipped = send(verkada("door_opened", refusedDoor));
        await().atMost(Duration.ofSeconds(15)).until(() -> parked("splunk").get("count").asInt() == 1);
        assertThat(parked("splunk").get("parked").get(0).get("eventId").asText()).isEqualTo(skipped);
        HttpResponse<String> skip = webhooks.post("/api/sinks/splunk/parked/skip", "",
                Map.of("Authorization", "Bearer " + SignedWebhooks.API_TOKEN));
        assertThat(skip.statusCode()).as(skip.body()).isEqualTo(200);
        assertThat(JSON.readTree(skip.body()).get("skipped").asInt()).isEqualTo(1);
        HEC.removeStub(invalid);
        assertThat(parked("splunk").get("count").asInt()).isZero();
        assertThat(lag("splunk")).isZero();
        assertThat(metrics().value("gatehouse_sink_parked_events", "sink", "splunk")).isZero();
        assertThat(hecEvents(refusedDoor)).extracting(entry -> entry.get("event").get("id").asText())
                .containsExactly(refused);

        assertThat(webhooks.post("/api/sinks/no-such-sink/parked/retry", "",
                Map.of("Authorization", "Bearer " + SignedWebhooks.API_TOKEN)).statusCode()).isEqualTo(404);
        assertThat(webhooks.post("/api/sinks/splunk/parked/skip", "", Map.of()).statusCode()).isEqualTo(401);
    }

    @Test
    void aRecordKafkaRefusesAsTooLargeIsParkedAndTheDoorsOtherEventsGoOn() throws Exception {
        String door = "LargeDoor-" + UUID.randomUUID().toString().substring(0, 8);
        ObjectNode lockdown = Fixtures.verkada("door_lockdown");
        ObjectNode data = (ObjectNode) lockdown.get("data");
        data.put("door_id", door).put("created", Instant.now().getEpochSecond());
        ((ObjectNode) data.get("door_info")).put("name", door);
        // a lockdown named at length: a record over the producer's max.request.size (4 000 bytes)
        ((ObjectNode) data.get("lockdown_info")).put("lockdown_name", "L".repeat(6000));
        List<String> sent = new ArrayList<>();
        for (ObjectNode webhook : List.of(verkada("door_opened", door), lockdown, verkada("door_closed", door))) {
            sent.add(send(webhook));
            awaitNormalized(sent.get(sent.size() - 1));
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> parked("kafka-small").get("count").asInt() == 1);
        JsonNode parked = parked("kafka-small").get("parked").get(0);
        assertThat(parked.get("eventId").asText()).isEqualTo(sent.get(1));
        assertThat(parked.get("refusal").asText()).contains("RecordTooLargeException");
        List<String> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.subscribe(List.of("gatehouse-small"));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (door.equals(record.key())) {
                        received.add(header(record, "ce_id"));
                    }
                }
                return received.contains(sent.get(2));
            });
        }
        // an event sent in the batch the record was refused in is sent again alone: consumers de-duplicate on ce_id
        assertThat(received.stream().distinct()).containsExactly(sent.get(0), sent.get(2));

        assertThat(webhooks.post("/api/sinks/kafka-small/parked/skip?event=" + sent.get(1), "",
                Map.of("Authorization", "Bearer " + SignedWebhooks.API_TOKEN)).statusCode()).isEqualTo(200);
        assertThat(parked("kafka-small").get("count").asInt()).isZero();
    }

    @Test
    void sendsEachEventToKafkaOnceAsACloudEventKeyedByDoorInOrderPerDoor() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> doors = List.of("KafkaA-" + run, "KafkaB-" + run, "KafkaC-" + run);
        Map<String, List<String>> sentPerDoor = new LinkedHashMap<>();
        for (int i = 0; i < 45; i++) {
            String door = doors.get(i % doors.size());
            String id = send(verkada(i % 2 == 0 ? "door_opened" : "door_closed", door));
            awaitNormalized(id);
            sentPerDoor.computeIfAbsent(door, d -> new ArrayList<>()).add(id);
        }

        Map<String, List<ConsumerRecord<String, String>>> receivedPerDoor = new LinkedHashMap<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.subscribe(List.of("gatehouse-events"));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (doors.contains(record.key())) {
                        receivedPerDoor.computeIfAbsent(record.key(), d -> new ArrayList<>()).add(record);
                    }
                }
                return receivedPerDoor.values().stream().mapToInt(List::size).sum() >= 45;
            });
            // nothing more comes: each event once
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(1))) {
                assertThat(doors).doesNotContain(record.key());
            }
        }
        for (String door : doors) {
            List<ConsumerRecord<String, String>> records = receivedPerDoor.get(door);
            assertThat(records).extracting(record -> header(record, "ce_id"))
                    .containsExactlyElementsOf(sentPerDoor.get(door));
            assertThat(records).extracting(ConsumerRecord::partition).containsOnly(records.get(0).partition());
        }
        ConsumerRecord<String, String> record = receivedPerDoor.get(doors.get(0)).get(0);
        JsonNode event = JSON.readTree(record.value());
        assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(record, "ce_source")).isEqualTo("gatehouse/verkada");
        assertThat(header(record, "ce_type")).isEqualTo("io.gatehouse.door.opened");
        assertThat(header(record, "ce_time")).isEqualTo(event.get("occurredAt").asText());
        assertThat(Instant.parse(header(record, "ce_time"))).isNotNull();
        assertThat(header(record, "content-type")).isEqualTo("application/json");
        assertThat(event.get("id").asText()).isEqualTo(header(record, "ce_id"));
        assertThat(event.get("door").get("id").asText()).isEqualTo(doors.get(0));
        // this sink includes personal data
        assertThat(event.get("actor").get("email").asText()).isEqualTo(ACTOR_EMAIL);
        assertThat(event.get("actor").get("name").asText()).isEqualTo(ACTOR_NAME);
    }

    @Test
    void aKafkaBrokerGoneAndBackUnderAStreamOfWebhooksLosesNothingAndKeepsEachDoorsOrder() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> doors = List.of("BrokerA-" + run, "BrokerB-" + run, "BrokerC-" + run);
        Map<String, List<String>> sentPerDoor = new LinkedHashMap<>();
        try {
            for (int i = 0; i < 45; i++) {
                if (i == 10) {
                    // the first events are at the broker; then it goes away, mid-stream
                    await().atMost(Duration.ofSeconds(15)).until(() -> lag("kafka") == 0);
                    KAFKA_PROXY.cut();
                }
                if (i == 30) {
                    // twenty events stored while the broker was away wait in the outbox, none dropped
                    assertThat(lag("kafka")).isGreaterThanOrEqualTo(20);
                    KAFKA_PROXY.restore();
                }
                String door = doors.get(i % doors.size());
                String id = send(verkada(i % 2 == 0 ? "door_opened" : "door_closed", door));
                awaitNormalized(id);
                sentPerDoor.computeIfAbsent(door, d -> new ArrayList<>()).add(id);
            }
        } finally {
            KAFKA_PROXY.restore();
        }

        Map<String, List<String>> receivedPerDoor = new LinkedHashMap<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.subscribe(List.of("gatehouse-events"));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (doors.contains(record.key())) {
                        receivedPerDoor.computeIfAbsent(record.key(), d -> new ArrayList<>())
                                .add(header(record, "ce_id"));
                    }
                }
                return receivedPerDoor.values().stream().mapToInt(List::size).sum() >= 45;
            });
            await().atMost(Duration.ofSeconds(15)).until(() -> lag("kafka") == 0);
            // nothing more comes: each event once
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(1))) {
                assertThat(doors).doesNotContain(record.key());
            }
        }
        for (String door : doors) {
            assertThat(receivedPerDoor.get(door)).as(door).containsExactlyElementsOf(sentPerDoor.get(door));
        }
    }

    @Test
    void postsMatchingEventsToACloudEventsCollectorAsABatch() throws Exception {
        String door = "CollectorDoor-" + UUID.randomUUID().toString().substring(0, 8);
        String forced = send(verkada("door_forced_open", door));
        String opened = send(verkada("door_opened", door));
        awaitNormalized(opened);

        await().atMost(Duration.ofSeconds(10)).until(() -> !collectorEvents(door).isEmpty());
        List<JsonNode> events = collectorEvents(door);
        assertThat(events).extracting(event -> event.get("id").asText()).containsExactly(forced);
        JsonNode event = events.get(0);
        assertThat(event.get("specversion").asText()).isEqualTo("1.0");
        assertThat(event.get("type").asText()).isEqualTo("io.gatehouse.door.forced_open");
        assertThat(event.get("source").asText()).isEqualTo("gatehouse/verkada");
        assertThat(event.get("datacontenttype").asText()).isEqualTo("application/json");
        assertThat(event.get("data").get("door").get("name").asText()).isEqualTo(door);
        assertThat(event.get("data").get("actor").get("id").asText()).isEqualTo(ACTOR_ID);
        assertThat(event.get("data").toString()).doesNotContain(ACTOR_EMAIL, ACTOR_NAME);
        LoggedRequest request = HEC.findAll(postRequestedFor(urlEqualTo("/cloudevents"))).get(0);
        assertThat(request.getHeader("Content-Type")).isEqualTo("application/cloudevents-batch+json");
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer collector-test-token");
    }

    @Test
    void replaysARangeToASinkAndReportsItsProgress() throws Exception {
        String door = "ReplayDoor-" + UUID.randomUUID().toString().substring(0, 8);
        Instant since = Instant.now().minusSeconds(1);
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = send(verkada("door_opened", door));
            awaitNormalized(id);
            sent.add(id);
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> hecEvents(door).size() >= sent.size());

        HttpResponse<String> replay = webhooks.post("/api/sinks/splunk/replay?since=" + since, "",
                Map.of("Authorization", "Bearer " + SignedWebhooks.API_TOKEN));
        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(202);
        assertThat(JSON.readTree(replay.body()).get("queued").asInt()).isGreaterThanOrEqualTo(5);

        await().atMost(Duration.ofSeconds(15)).until(() -> hecEvents(door).size() >= 2 * sent.size());
        List<String> ids = hecEvents(door).stream().map(entry -> entry.get("event").get("id").asText()).toList();
        assertThat(ids).hasSize(10);
        assertThat(ids.subList(0, 5)).containsExactlyElementsOf(sent);
        assertThat(ids.subList(5, 10)).containsExactlyElementsOf(sent);

        JsonNode splunk = sinkProgress("splunk");
        assertThat(splunk.get("format").asText()).isEqualTo("splunk-hec");
        assertThat(splunk.get("sent").asLong()).isGreaterThanOrEqualTo(10);
        assertThat(splunk.has("waiting")).isTrue();
        assertThat(splunk.has("lagSeconds")).isTrue();
        assertThat(metrics().value("gatehouse_sink_sent_total", "sink", "splunk")).isGreaterThanOrEqualTo(10);

        assertThat(webhooks.post("/api/sinks/no-such-sink/replay?since=" + since, "",
                Map.of("Authorization", "Bearer " + SignedWebhooks.API_TOKEN)).statusCode()).isEqualTo(404);
        assertThat(webhooks.post("/api/sinks/splunk/replay?since=yesterday", "",
                Map.of("Authorization", "Bearer " + SignedWebhooks.API_TOKEN)).statusCode()).isEqualTo(400);
        assertThat(webhooks.post("/api/sinks/splunk/replay?since=" + since, "", Map.of()).statusCode())
                .isEqualTo(401);
    }

    private List<JsonNode> hecEvents(String door) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        // the batches Splunk accepted, in the order they came (WireMock lists the newest first)
        List<ServeEvent> served = new ArrayList<>(HEC.getAllServeEvents());
        Collections.reverse(served);
        for (ServeEvent batch : served) {
            if (!batch.getRequest().getUrl().equals("/services/collector/event")
                    || batch.getResponse().getStatus() != 200) {
                continue;
            }
            for (String line : batch.getRequest().getBodyAsString().split("\n")) {
                if (!line.isBlank()) {
                    JsonNode entry = JSON.readTree(line);
                    if (door.equals(entry.path("event").path("door").path("name").asText())) {
                        events.add(entry);
                    }
                }
            }
        }
        return events;
    }

    private List<JsonNode> collectorEvents(String door) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (LoggedRequest request : HEC.findAll(postRequestedFor(urlEqualTo("/cloudevents")))) {
            for (JsonNode event : JSON.readTree(request.getBodyAsString())) {
                if (door.equals(event.path("data").path("door").path("name").asText())) {
                    events.add(event);
                }
            }
        }
        return events;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static KafkaConsumer<String, String> consumer() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.getBrokersAsString());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "sinks-it-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer());
    }

    /** Splunk answers a batch that holds an event of the door as it answers an event it cannot read. */
    private static StubMapping splunkRefusesBatchesNaming(String door) {
        return HEC.stubFor(post(urlEqualTo("/services/collector/event")).atPriority(1)
                .withRequestBody(containing(door)).willReturn(aResponse().withStatus(400)
                        .withBody("{\"text\":\"Invalid data format\",\"code\":6,\"invalid-event-number\":0}")));
    }

    private JsonNode parked(String sink) throws Exception {
        HttpResponse<String> parked = webhooks.get("/api/sinks/" + sink + "/parked", SignedWebhooks.API_TOKEN);
        assertThat(parked.statusCode()).as(parked.body()).isEqualTo(200);
        return JSON.readTree(parked.body());
    }

    private JsonNode sinkProgress(String name) throws Exception {
        for (JsonNode sink : JSON.readTree(webhooks.get("/api/sinks", SignedWebhooks.API_TOKEN).body()).get("sinks")) {
            if (sink.get("name").asText().equals(name)) {
                return sink;
            }
        }
        throw new AssertionError("no sink " + name + " in GET /api/sinks");
    }

    private double lag(String sink) {
        return metrics().value("gatehouse_sink_lag_events", "sink", sink);
    }

    private PrometheusScrape metrics() {
        HttpResponse<String> scrape = webhooks.get("/actuator/prometheus", null);
        assertThat(scrape.statusCode()).isEqualTo(200);
        return new PrometheusScrape(scrape.body());
    }

    private ObjectNode verkada(String notificationType, String door) {
        ObjectNode webhook = Fixtures.verkada("door_remote_unlock_accepted");
        ObjectNode data = (ObjectNode) webhook.get("data");
        data.put("notification_type", notificationType).put("door_id", door)
                .put("created", Instant.now().getEpochSecond());
        ((ObjectNode) data.get("door_info")).put("name", door);
        return webhook;
    }

    private String send(ObjectNode webhook) {
        HttpResponse<String> response = webhooks.verkada(Fixtures.json(webhook));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        try {
            return JSON.readTree(response.body()).get("eventId").asText();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private void awaitNormalized(String eventId) {
        await().atMost(Duration.ofSeconds(10)).until(() -> "normalized".equals(
                jdbc.queryForObject("select status from inbox where id = ?", String.class, eventId)));
    }
}
