package io.gatehouse.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.gatehouse.GatehouseApplication;
import io.gatehouse.support.SignedWebhooks;

/** Rules change without a restart, and a broken rule never replaces working ones nor lets Gatehouse start. */
@CamelSpringBootTest
@SpringBootTest(classes = GatehouseApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"gatehouse.api.token=" + SignedWebhooks.API_TOKEN, "gatehouse.rules-watch-interval=200",
                "spring.datasource.url=jdbc:h2:mem:gatehouse-rules;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                        + "DB_CLOSE_DELAY=-1"})
class RulesReloadIT {

    static final Path RULES_FILE = createRulesFile();
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    SignedWebhooks api;

    @DynamicPropertySource
    static void rulesFile(DynamicPropertyRegistry registry) {
        registry.add("gatehouse.rules-file", RULES_FILE::toString);
    }

    @BeforeEach
    void connect() {
        api = new SignedWebhooks(port);
    }

    @Test
    void reloadsValidRulesOnRequest() {
        write(rules("on-request", "door.forced_open"));

        HttpResponse<String> response = reload();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(rulesInForce()).containsExactly("on-request");
    }

    @Test
    void refusesAnInvalidReloadWithTheReasonAndKeepsTheRulesInForce() {
        write(rules("kept", "door.forced_open"));
        assertThat(reload().statusCode()).isEqualTo(200);
        write(rules("broken", "door.exploded"));

        HttpResponse<String> response = reload();

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(read(response.body()).get("message").asText())
                .contains("rule 'broken'").contains("match.types").contains("door.exploded");
        assertThat(rulesInForce()).containsExactly("kept");
    }

    @Test
    void appliesAChangedRulesFileWithoutARequest() {
        write(rules("watched", "lock.*"));

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(rulesInForce()).containsExactly("watched"));
    }

    @Test
    void refusesToStartWithARuleThatCannotWork() {
        // command-line arguments, as an operator would pass them: they outrank application.yaml
        String[] arguments = {
                "--server.port=0",
                "--spring.datasource.url=jdbc:h2:mem:gatehouse-bad-rules;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
                "--gatehouse.rules[0].name=repeated-denials",
                "--gatehouse.rules[0].match.types[0]=access.denied",
                "--gatehouse.rules[0].threshold.count=3",
                "--gatehouse.rules[0].threshold.within=two minutes",
                "--gatehouse.rules[0].notify[0]=slack:security"};

        assertThatThrownBy(() -> new SpringApplicationBuilder(GatehouseApplication.class).run(arguments).close())
                .rootCause()
                .hasMessageContaining("rule 'repeated-denials': threshold.within must be a duration like 2m");
    }

    private static String rules(String name, String type) {
        return """
                gatehouse:
                  channels:
                    slack:
                      security: { webhook-url: "https://hooks.slack.example/services/T/B/X" }
                  rules:
                    - name: %s
                      match: { types: [ %s ] }
                      notify: [ slack:security ]
                """.formatted(name, type);
    }

    private static void write(String content) {
        try {
            Files.writeString(RULES_FILE, content);
            // a distinct modification time, whatever the file system's resolution
            Files.setLastModifiedTime(RULES_FILE, FileTime.from(Instant.now().plusSeconds(counter++)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long counter = 1;

    private HttpResponse<String> reload() {
        try {
            return api.client().send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/api/rules/reload"))
                    .header("Authorization", "Bearer " + SignedWebhooks.API_TOKEN)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private java.util.List<String> rulesInForce() {
        JsonNode rules = read(api.get("/api/rules", SignedWebhooks.API_TOKEN).body()).get("rules");
        java.util.List<String> names = new java.util.ArrayList<>();
        rules.forEach(node -> names.add(node.asText()));
        return names;
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path createRulesFile() {
        try {
            Path file = Files.createTempFile("gatehouse-rules", ".yaml");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
