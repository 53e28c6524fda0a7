package io.gatehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Parameter;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.yaml.snakeyaml.Yaml;

/**
 * Configuration is typed once: every {@code gatehouse.*} key of the top-level application.yaml is declared by a
 * {@code @ConfigurationProperties} record and described (from its Javadoc) in the metadata that
 * spring-boot-configuration-processor writes for IDEs, and every value a record declares has its default written
 * in application.yaml, the one place defaults are written (docs/operations.md#configuration). Maps and lists such as
 * gatehouse.channels.slack, gatehouse.rules and gatehouse.directory.sites are declared as a whole: their entries are
 * the operator's.
 */
class ConfigurationMetadataTest {

    static final Pattern ROUTE_PLACEHOLDER = Pattern.compile("\\{\\{(gatehouse\\.[A-Za-z0-9.\\-]+)(:[^}]*)?}}");

    static Map<String, Object> gatehouseYaml;
    /** The spring-configuration-metadata.json files on the class path: Gatehouse's and its libraries'. */
    static List<JsonNode> metadata;
    /** The gatehouse.* properties of the metadata, by name. */
    static Map<String, JsonNode> declared;

    @BeforeAll
    static void read() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("application.yaml"))) {
            Map<String, Object> root = new Yaml().load(in);
            gatehouseYaml = map(root.get("gatehouse"));
        }
        metadata = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (URL file : Collections.list(ConfigurationMetadataTest.class.getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = file.openStream()) {
                metadata.add(json.readTree(in));
            }
        }
        declared = new TreeMap<>();
        for (JsonNode file : metadata) {
            for (JsonNode property : file.path("properties")) {
                if (property.path("name").asText().startsWith("gatehouse.")) {
                    declared.put(property.path("name").asText(), property);
                }
            }
        }
    }

    @Test
    void everyKeyOfApplicationYamlIsDeclaredByAConfigurationPropertiesRecord() {
        List<String> untyped = new ArrayList<>();
        walk("gatehouse", gatehouseYaml, untyped);
        assertThat(untyped).as("keys of application.yaml that no @ConfigurationProperties record declares "
                + "(add a component to the record of that prefix, with an @param in its Javadoc)").isEmpty();
    }

    @Test
    void everyDeclaredKeyIsDescribedForIdes() {
        assertThat(declared).as("spring-configuration-metadata.json lists no gatehouse.* key: is "
                + "spring-boot-configuration-processor on the compiler's path?").isNotEmpty();
        List<String> undescribed = declared.values().stream()
                .filter(property -> property.path("description").asText("").isBlank())
                .map(property -> property.path("name").asText() + " (write an @param for it in the Javadoc of "
                        + property.path("sourceType").asText() + ")")
                .toList();
        assertThat(undescribed).as("gatehouse.* keys without a description").isEmpty();
    }

    @Test
    void everyDeclaredValueHasItsDefaultInApplicationYaml() {
        Set<String> written = new TreeSet<>();
        walk("gatehouse", gatehouseYaml, new ArrayList<>(), written);
        List<String> missing = declared.values().stream()
                .filter(property -> !written.contains(property.path("name").asText()))
                // a map or a list of the operator's entries (channels.log, directory.people...) may be left out
                .filter(property -> !property.path("type").asText().matches("java\\.util\\.(Map|List)<.*"))
                .map(property -> property.path("name").asText() + " (" + property.path("sourceType").asText() + ")")
                .toList();
        assertThat(missing).as("gatehouse.* values whose default application.yaml does not write").isEmpty();
    }

    @Test
    void onePropertiesTypePerPrefix() {
        Map<String, Set<String>> typesByPrefix = new TreeMap<>();
        for (JsonNode file : metadata) {
            // a group without a sourceMethod is a @ConfigurationProperties type; with one, a record nested in it
            for (JsonNode group : file.path("groups")) {
                String name = group.path("name").asText();
                if ((name.equals("gatehouse") || name.startsWith("gatehouse.")) && !group.has("sourceMethod")) {
                    typesByPrefix.computeIfAbsent(name, n -> new TreeSet<>()).add(group.path("type").asText());
                }
            }
        }
        assertThat(typesByPrefix).isNotEmpty();
        // the root holds keys of several features (gatehouse.rules; gatehouse.vendors and vendors-dir): each
        // declared by one type, never twice
        typesByPrefix.remove("gatehouse");
        assertThat(typesByPrefix).allSatisfy((prefix, types) -> assertThat(types).as(prefix).hasSize(1));
        Map<String, Set<String>> typesByKey = new TreeMap<>();
        for (JsonNode file : metadata) {
            for (JsonNode property : file.path("properties")) {
                if (property.path("name").asText().startsWith("gatehouse.")) {
                    typesByKey.computeIfAbsent(property.path("name").asText(), n -> new TreeSet<>())
                            .add(property.path("sourceType").asText());
                }
            }
        }
        assertThat(typesByKey).allSatisfy((key, types) -> assertThat(types).as(key).hasSize(1));
    }

    /** Camel's {{…}} placeholders read the Spring environment only: a default in a record is invisible to them. */
    @Test
    void everyGatehouseKeyARouteReadsIsWrittenInApplicationYaml() throws IOException {
        Set<String> leaves = new TreeSet<>();
        leaves("gatehouse", gatehouseYaml, leaves);
        List<String> unresolved = new ArrayList<>();
        List<String> found = new ArrayList<>();
        try (Stream<Path> routes = Files.walk(Path.of("routes"))) {
            for (Path route : routes.filter(p -> p.toString().endsWith(".camel.yaml")).sorted().toList()) {
                Matcher placeholder = ROUTE_PLACEHOLDER.matcher(Files.readString(route));
                while (placeholder.find()) {
                    found.add(placeholder.group(1));
                    if (!leaves.contains(placeholder.group(1))) {
                        unresolved.add(route + ": {{" + placeholder.group(1) + "}}");
                    }
                }
            }
        }
        assertThat(found).as("gatehouse.* placeholders in routes/").isNotEmpty();
        assertThat(unresolved).isEmpty();
    }

    /** A gatehouse.* key is read from the record of its prefix, never with @Value (which would repeat its default). */
    @Test
    void noBeanReadsAGatehouseKeyWithValue() throws IOException, ClassNotFoundException {
        Path classes = Path.of("target/classes");
        List<String> reads = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes.resolve("io/gatehouse"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, getClass().getClassLoader());
                List<Executable> units = new ArrayList<>(List.of(type.getDeclaredConstructors()));
                units.addAll(List.of(type.getDeclaredMethods()));
                for (Executable unit : units) {
                    for (Parameter parameter : unit.getParameters()) {
                        Value value = parameter.getAnnotation(Value.class);
                        if (value != null && readsTypedKey(value.value())) {
                            reads.add(name + ": @Value(\"" + value.value() + "\")");
                        }
                    }
                }
                for (Field field : type.getDeclaredFields()) {
                    Value value = field.getAnnotation(Value.class);
                    if (value != null && readsTypedKey(value.value())) {
                        reads.add(name + "." + field.getName() + ": @Value(\"" + value.value() + "\")");
                    }
                }
            }
        }
        assertThat(reads).as("read these keys from the @ConfigurationProperties record of their prefix").isEmpty();
    }

    private static boolean readsTypedKey(String expression) {
        return expression.startsWith("${gatehouse.");
    }

    private static void walk(String path, Object value, List<String> untyped) {
        walk(path, value, untyped, new TreeSet<>());
    }

    /** Descends application.yaml until a declared key; what it reaches undeclared is untyped. */
    private static void walk(String path, Object value, List<String> untyped, Set<String> written) {
        if (declared.containsKey(path)) {
            written.add(path);
        } else if (value instanceof Map<?, ?> children && !children.isEmpty()) {
            children.forEach((key, child) -> walk(path + "." + key, child, untyped, written));
        } else {
            untyped.add(path);
        }
    }

    private static void leaves(String path, Object value, Set<String> leaves) {
        if (value instanceof Map<?, ?> children && !children.isEmpty()) {
            children.forEach((key, child) -> leaves(path + "." + key, child, leaves));
        } else {
            leaves.add(path);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).as("application.yaml has a gatehouse: section").isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }
}
