package io.gatehouse.alerting;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.gatehouse.definitions.VendorCatalog;

/**
 * The rule book in force. Built at start-up (an invalid rule stops start-up with its reason) and replaced by
 * {@link #replace}, which keeps the old book when the new one is invalid.
 */
@Component
public class ActiveRules {

    private static final Logger LOG = LoggerFactory.getLogger(ActiveRules.class);

    private final Set<String> vendors;
    private final AtomicReference<RuleBook> book = new AtomicReference<>();

    public ActiveRules(RulesProperties properties, VendorCatalog catalog) {
        this.vendors = Set.copyOf(catalog.names());
        book.set(compile(properties));
        LOG.info("{} alert rules in force: {}", current().rules().size(),
                current().rules().stream().map(Rule::name).toList());
    }

    public RuleBook current() {
        return book.get();
    }

    /** Validates and installs a new rule book; throws {@link RuleConfigurationException} and keeps the old one. */
    public RuleBook replace(RulesProperties properties) {
        RuleBook compiled = compile(properties);
        book.set(compiled);
        LOG.info("rules reloaded: {} in force: {}", compiled.rules().size(),
                compiled.rules().stream().map(Rule::name).toList());
        return compiled;
    }

    private RuleBook compile(RulesProperties properties) {
        Channels channels = Channels.from(properties.channels());
        List<Rule> rules = new RuleCompiler(vendors, channels.names()).compile(properties.rules());
        return new RuleBook(rules, channels);
    }
}
