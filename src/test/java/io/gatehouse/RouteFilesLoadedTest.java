package io.gatehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Every route file under routes/ is named by {@code camel.main.routes-include-pattern}: inside the jar {@code **}
 * does not work, so a new route folder left out of the list is silently not loaded by the packaged application (the
 * in-process tests would still find it).
 */
class RouteFilesLoadedTest {

    @Test
    void theIncludePatternNamesTheFolderOfEveryRouteFile() throws Exception {
        Map<String, Object> config = new Yaml().load(Files.readString(Path.of("application.yaml")));
        @SuppressWarnings("unchecked")
        String pattern = (String) ((Map<String, Object>) ((Map<String, Object>) config.get("camel")).get("main"))
                .get("routes-include-pattern");
        List<String> included = Arrays.stream(pattern.split(",")).map(String::trim).toList();

        try (Stream<Path> files = Files.walk(Path.of("routes"))) {
            List<String> folders = files.filter(file -> file.toString().endsWith(".camel.yaml"))
                    .map(file -> "classpath:" + file.getParent().toString().replace('\\', '/') + "/*.camel.yaml")
                    .distinct().toList();
            assertThat(folders).isNotEmpty();
            assertThat(included).containsAll(folders);
        }
    }
}
