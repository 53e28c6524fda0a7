package io.gatehouse.alerting;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.stereotype.Component;

/**
 * Reloads the rules and channels from the operator's YAML file ({@code gatehouse.rules-file}, by default the
 * application.yaml in the folder Gatehouse was started from) without a restart: on request, and when the file
 * changes. Placeholders such as {@code ${GATEHOUSE_SLACK_SECURITY_WEBHOOK}} resolve as at start-up. An invalid
 * file is refused with its reason and the rules in force stay.
 */
@Component
public class RulesFile {

    private static final Logger LOG = LoggerFactory.getLogger(RulesFile.class);

    private final Path file;
    private final ActiveRules rules;
    private final ConfigurableEnvironment environment;
    private final AtomicReference<FileTime> seen = new AtomicReference<>();

    public RulesFile(RulesProperties properties, ActiveRules rules, ConfigurableEnvironment environment) {
        this.file = Path.of(properties.rulesFile()).toAbsolutePath();
        this.rules = rules;
        this.environment = environment;
        this.seen.set(modified());
    }

    public Path path() {
        return file;
    }

    /** Reads the file and puts its rules in force; throws {@link RuleConfigurationException} if they are invalid. */
    public RuleBook reload() {
        if (!Files.isRegularFile(file)) {
            throw new RuleConfigurationException("there is no rules file at " + file
                    + "; set gatehouse.rules-file to the YAML file that holds gatehouse.rules");
        }
        seen.set(modified());
        List<PropertySource<?>> sources;
        try {
            sources = new YamlPropertySourceLoader().load("rules-file", new FileSystemResource(file));
        } catch (IOException | RuntimeException e) {
            throw new RuleConfigurationException(file + " is not valid YAML: " + e.getMessage());
        }
        Binder binder = new Binder(ConfigurationPropertySources.from(sources),
                new PropertySourcesPlaceholdersResolver(environment));
        // only the file's rules and channels are put in force: its other gatehouse.* keys are read at start-up only
        RulesProperties properties;
        try {
            properties = binder.bind("gatehouse", Bindable.of(RulesProperties.class))
                    .orElseGet(() -> new RulesProperties(List.of(), new RulesProperties.Channels(java.util.Map.of(),
                            java.util.Map.of(), java.util.Map.of(), java.util.Map.of(), java.util.Map.of(),
                            java.util.Map.of()), null, 0));
        } catch (RuntimeException e) {
            throw new RuleConfigurationException("gatehouse.rules in " + file + " cannot be read: "
                    + rootMessage(e));
        }
        return rules.replace(properties);
    }

    /** Called periodically by routes/rules-reload.camel.yaml. */
    public void reloadIfChanged() {
        FileTime modified = modified();
        if (modified == null || modified.equals(seen.get())) {
            return;
        }
        try {
            reload();
        } catch (RuleConfigurationException e) {
            LOG.error("rules file {} changed but was refused, the previous rules stay in force: {}", file,
                    e.getMessage());
        }
    }

    private FileTime modified() {
        try {
            return Files.isRegularFile(file) ? Files.getLastModifiedTime(file) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
