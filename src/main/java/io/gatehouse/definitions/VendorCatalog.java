package io.gatehouse.definitions;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

import io.gatehouse.event.EventsProperties;

/**
 * The vendors Gatehouse serves: the definitions shipped in the jar (vendor-definitions/*.yaml) and those in
 * {@code gatehouse.vendors-dir}, read and checked once at start-up. Nothing else in Gatehouse lists the vendors.
 */
@Component
public class VendorCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(VendorCatalog.class);
    static final String SHIPPED = "classpath*:vendor-definitions/*.yaml";

    private final Map<String, VendorDefinition> byName;

    public VendorCatalog(VendorsProperties properties, EventsProperties events) throws IOException {
        Map<String, Object> variables = Map.of("batteryLowBelow", events.batteryLowBelow());
        List<String> problems = new ArrayList<>();
        List<VendorDefinition> definitions = new ArrayList<>();
        for (Resource resource : new PathMatchingResourcePatternResolver().getResources(SHIPPED)) {
            try (InputStream in = resource.getInputStream()) {
                read("vendor-definitions/" + resource.getFilename(), in, variables, definitions, problems);
            }
        }
        if (properties.vendorsDir() != null && !properties.vendorsDir().toString().isBlank()) {
            for (Path file : operatorFiles(properties.vendorsDir(), problems)) {
                try (InputStream in = Files.newInputStream(file)) {
                    read(file.toString(), in, variables, definitions, problems);
                }
            }
        }
        this.byName = index(definitions, problems);
        for (String configured : properties.vendors().keySet()) {
            if (!byName.containsKey(configured)) {
                problems.add("gatehouse.vendors." + configured + ": no vendor definition is named '" + configured
                        + "' (defined: " + String.join(", ", byName.keySet()) + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new VendorDefinitionException(problems);
        }
        LOG.info("Vendors served: {}", String.join(", ", byName.keySet()));
    }

    /** Every vendor, by name, in the order of their names. */
    public Collection<VendorDefinition> all() {
        return byName.values();
    }

    public Set<String> names() {
        return byName.keySet();
    }

    /** The vendor's definition; an unknown name is a programming error (vendor names come from routes and rows). */
    public VendorDefinition get(String name) {
        VendorDefinition definition = byName.get(name);
        if (definition == null) {
            throw new IllegalArgumentException("no vendor is defined as '" + name + "'");
        }
        return definition;
    }

    public boolean defines(String name) {
        return byName.containsKey(name);
    }

    private static List<Path> operatorFiles(Path folder, List<String> problems) throws IOException {
        if (!Files.isDirectory(folder)) {
            problems.add("gatehouse.vendors-dir: " + folder.toAbsolutePath() + " is not a folder");
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .sorted().toList();
        }
    }

    static void read(String file, InputStream in, Map<String, Object> variables, List<VendorDefinition> into,
                     List<String> problems) throws IOException {
        DefinitionFile definition;
        try {
            definition = YAML.readValue(in, DefinitionFile.class);
        } catch (UnrecognizedPropertyException e) {
            problems.add(file + ": " + fieldPath(e) + ": is not a field of a vendor definition (line "
                    + e.getLocation().getLineNr() + ")");
            return;
        } catch (JsonMappingException e) {
            problems.add(file + ": " + fieldPath(e) + ": " + e.getOriginalMessage() + " (line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ")");
            return;
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            problems.add(file + ": is not YAML: " + e.getOriginalMessage());
            return;
        }
        if (definition == null) {
            problems.add(file + ": is empty");
            return;
        }
        DefinitionCompiler compiler = new DefinitionCompiler(file, variables);
        VendorDefinition compiled = compiler.compile(definition);
        problems.addAll(compiler.problems());
        if (compiled != null) {
            into.add(compiled);
        }
    }

    private static Map<String, VendorDefinition> index(List<VendorDefinition> definitions, List<String> problems) {
        Map<String, VendorDefinition> byName = new java.util.TreeMap<>();
        Map<String, VendorDefinition> byPath = new LinkedHashMap<>();
        for (VendorDefinition definition : definitions) {   // the shipped ones first: a later file is the mistake
            VendorDefinition sameName = byName.putIfAbsent(definition.name(), definition);
            if (sameName != null) {
                problems.add(definition.file() + ": name: '" + definition.name() + "' is already defined by "
                        + sameName.file());
                continue;
            }
            VendorDefinition samePath = byPath.putIfAbsent(definition.path(), definition);
            if (samePath != null) {
                problems.add(definition.file() + ": path: " + definition.path() + " is already the path of "
                        + samePath.file());
            }
        }
        return java.util.Collections.unmodifiableMap(byName);
    }

    /** The field's place in the file, e.g. {@code types[3].fields.door}. */
    private static String fieldPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            } else if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            }
        }
        return path.isEmpty() ? "(top)" : path.toString();
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

}
