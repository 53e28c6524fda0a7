package io.gatehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README is a front door and every command the docs show is run by {@code .ci/docs-check}: this test keeps
 * the shape that script relies on (each shell block marked with how it is checked) and the README's promises
 * (at most 250 lines, the two set-up commands on its first screen), in milliseconds, before the slow check runs.
 */
class DocsCommandsTest {

    static final int README_MAX_LINES = 250;
    static final int FIRST_SCREEN_LINES = 40;
    static final Set<String> KINDS = Set.of("ci", "server", "client", "run");
    static final Pattern MARKER = Pattern.compile("^\\s*<!-- docs-check: ([a-z]+) -->\\s*$");
    static final Pattern FENCE = Pattern.compile("^(\\s*)```\\s*([A-Za-z0-9_+-]*)\\s*$");

    /** A fenced shell block: where it starts (1-based line of its fence), its kind (null when unmarked). */
    record ShellBlock(String file, int line, String kind, String script) {
        String where() {
            return file + ":" + line;
        }
    }

    /** The shell blocks of one Markdown text, read the way .ci/docs-check reads them. */
    static List<ShellBlock> shellBlocks(String file, String markdown) {
        List<ShellBlock> blocks = new ArrayList<>();
        String[] lines = markdown.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher fence = FENCE.matcher(lines[i]);
            if (!fence.matches()) {
                continue;
            }
            String indent = fence.group(1);
            String lang = fence.group(2);
            int end = i + 1;
            while (end < lines.length && !lines[end].strip().equals("```")) {
                end++;
            }
            if (lang.equals("sh") || lang.equals("bash")) {
                Matcher marker = i > 0 ? MARKER.matcher(lines[i - 1]) : null;
                String kind = marker != null && marker.matches() ? marker.group(1) : null;
                String script = Arrays.stream(lines, i + 1, Math.min(end, lines.length))
                        .map(l -> l.startsWith(indent) ? l.substring(indent.length()) : l)
                        .collect(Collectors.joining("\n"));
                blocks.add(new ShellBlock(file, i + 1, kind, script));
            }
            i = end;
        }
        return blocks;
    }

    /** What is wrong with the markers of these blocks; empty when every block can be checked. */
    static List<String> markerProblems(List<ShellBlock> blocks) {
        List<String> problems = new ArrayList<>();
        for (ShellBlock block : blocks) {
            if (block.kind() == null) {
                problems.add(block.where() + ": a shell block without a <!-- docs-check: KIND --> line right before"
                        + " its fence (KIND: ci, server, client or run)");
            } else if (!KINDS.contains(block.kind())) {
                problems.add(block.where() + ": unknown docs-check kind '" + block.kind()
                        + "' (ci, server, client or run)");
            }
        }
        return problems;
    }

    /** Problems with the README's first screen: it must show both set-up commands, each in a block of its own. */
    static List<String> firstScreenProblems(List<ShellBlock> readmeBlocks) {
        List<String> problems = new ArrayList<>();
        for (String command : List.of("./mvnw spring-boot:run", "./mvnw verify")) {
            boolean shown = readmeBlocks.stream()
                    .anyMatch(b -> b.script().strip().equals(command)
                            && b.line() + 1 <= FIRST_SCREEN_LINES);
            if (!shown) {
                problems.add("README.md must show `" + command + "` as a shell block of its own within its first "
                        + FIRST_SCREEN_LINES + " lines");
            }
        }
        return problems;
    }

    /** A Maven command without the flags that only quiet its output. */
    static String mavenCommand(String command) {
        return Arrays.stream(command.strip().split("\\s+"))
                .filter(w -> !Set.of("-B", "--batch-mode", "-ntp", "--no-transfer-progress").contains(w))
                .collect(Collectors.joining(" "));
    }

    static List<ShellBlock> docsBlocks() throws IOException {
        List<ShellBlock> blocks = new ArrayList<>(shellBlocks("README.md", Files.readString(Path.of("README.md"))));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            for (Path doc : docs.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                blocks.addAll(shellBlocks("docs/" + doc.getFileName(), Files.readString(doc)));
            }
        }
        return blocks;
    }

    @Test
    void everyShellBlockOfTheDocsSaysHowItIsChecked() throws IOException {
        List<ShellBlock> blocks = docsBlocks();

        assertThat(blocks).as("shell blocks in README.md and docs/*.md").isNotEmpty();
        assertThat(markerProblems(blocks)).isEmpty();
    }

    @Test
    void everyClientBlockFollowsAServerBlockOfItsFile() throws IOException {
        List<String> problems = new ArrayList<>();
        String file = null;
        String previous = null;
        for (ShellBlock block : docsBlocks()) {
            if (!block.file().equals(file)) {
                file = block.file();
                previous = null;
            }
            if ("client".equals(block.kind()) && !("server".equals(previous) || "client".equals(previous))) {
                problems.add(block.where() + ": a client block runs against the server block right before it");
            }
            previous = block.kind();
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void readmeIsAFrontDoorOfAtMost250Lines() throws IOException {
        assertThat(Files.readAllLines(Path.of("README.md"))).hasSizeLessThanOrEqualTo(README_MAX_LINES);
    }

    @Test
    void readmeShowsTheTwoSetUpCommandsOnItsFirstScreen() throws IOException {
        assertThat(firstScreenProblems(shellBlocks("README.md", Files.readString(Path.of("README.md"))))).isEmpty();
    }

    @Test
    void theTestCommandShownIsTheOneCiRunsAndCiRunsTheDocs() throws IOException {
        List<String> ciRun = Files.readAllLines(Path.of(".ci/run"));
        String ciCommand = ciRun.stream().filter(l -> l.startsWith("./mvnw ")).findFirst().orElseThrow();
        List<ShellBlock> ciBlocks = docsBlocks().stream().filter(b -> "ci".equals(b.kind())).toList();

        assertThat(ciBlocks).as("blocks marked ci").isNotEmpty();
        assertThat(ciBlocks).allSatisfy(b -> assertThat(mavenCommand(b.script()))
                .as(b.where()).isEqualTo(mavenCommand(ciCommand)));
        assertThat(ciRun.indexOf(ciRun.stream().filter(l -> l.startsWith(".ci/docs-check")).findFirst()
                .orElse("(none)"))).as(".ci/run runs .ci/docs-check after the tests")
                .isGreaterThan(ciRun.indexOf(ciCommand));
    }

    // The checks above must be able to fail: each is shown failing on a broken document.

    @Test
    void findsAShellBlockWithoutAMarkerOrWithAnUnknownKind() {
        String markdown = """
                # Doc
                ```sh
                curl http://localhost:8080/
                ```
                <!-- docs-check: client -->

                ```bash
                echo the marker is not right before the fence
                ```
                <!-- docs-check: sometimes -->
                ```sh
                echo unknown kind
                ```
                <!-- docs-check: run -->
                ```sh
                echo fine
                ```
                ```yaml
                not: a shell block
                ```
                """;

        List<String> problems = markerProblems(shellBlocks("doc.md", markdown));

        assertThat(problems).hasSize(3);
        assertThat(problems.get(0)).startsWith("doc.md:2: a shell block without");
        assertThat(problems.get(1)).startsWith("doc.md:7: a shell block without");
        assertThat(problems.get(2)).startsWith("doc.md:11: unknown docs-check kind 'sometimes'");
    }

    @Test
    void readsAnIndentedBlockInsideAListWithoutItsIndent() {
        String markdown = """
                * a list item:
                  <!-- docs-check: run -->
                  ```sh
                  echo one
                    echo two
                  ```
                """;

        assertThat(shellBlocks("doc.md", markdown))
                .containsExactly(new ShellBlock("doc.md", 3, "run", "echo one\n  echo two"));
    }

    @Test
    void findsSetUpCommandsMissingFromTheFirstScreen() {
        String below = "# Gatehouse\n" + "text\n".repeat(45)
                + "<!-- docs-check: server -->\n```sh\n./mvnw spring-boot:run\n```\n"
                + "<!-- docs-check: ci -->\n```sh\n./mvnw verify\n```\n";
        String together = "# Gatehouse\n<!-- docs-check: server -->\n```sh\n./mvnw spring-boot:run\n./mvnw verify\n```\n";

        assertThat(firstScreenProblems(shellBlocks("README.md", below))).hasSize(2);
        assertThat(firstScreenProblems(shellBlocks("README.md", together))).hasSize(2);
    }

    @Test
    void comparesMavenCommandsWithoutTheirOutputFlags() {
        assertThat(mavenCommand("./mvnw -B -ntp verify")).isEqualTo(mavenCommand("./mvnw verify"));
        assertThat(mavenCommand("./mvnw -B -ntp verify")).isNotEqualTo(mavenCommand("./mvnw test"));
        assertThat(mavenCommand("./mvnw -B -ntp verify")).isNotEqualTo(mavenCommand("./mvnw -DskipTests verify"));
    }
}
