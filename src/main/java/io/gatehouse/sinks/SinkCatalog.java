package io.gatehouse.sinks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import io.gatehouse.alerting.RuleCompiler;
import io.gatehouse.definitions.VendorCatalog;
import io.gatehouse.sinks.SinksProperties.Target;

/**
 * The sinks in force, validated at start-up: a sink that could not work (no format or two, no topic or URL, an
 * unknown type or vendor in its match) stops start-up with a message naming the sink and the field.
 */
@Component
public class SinkCatalog {

    // a sink's name is a route id suffix, a metrics tag and a database key
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final List<Sink> sinks;

    public SinkCatalog(SinksProperties properties, VendorCatalog catalog) {
        Set<String> vendors = catalog.names();
        RuleCompiler compiler = new RuleCompiler(vendors, Set.of());
        List<Sink> compiled = new ArrayList<>();
        for (Map.Entry<String, Target> entry : properties.targets().entrySet()) {
            compiled.add(compile(entry.getKey(), entry.getValue(), compiler));
        }
        this.sinks = List.copyOf(compiled);
    }

    public List<Sink> all() {
        return sinks;
    }

    public Optional<Sink> named(String name) {
        return sinks.stream().filter(sink -> sink.name().equals(name)).findFirst();
    }

    private static Sink compile(String name, Target target, RuleCompiler compiler) {
        String where = "gatehouse.sinks.targets." + name;
        if (!NAME.matcher(name).matches()) {
            throw new IllegalStateException(where + ": a sink's name is lower-case letters, digits and '-' (at most "
                    + "63), such as soc-kafka");
        }
        List<SinkFormat> formats = new ArrayList<>();
        if (target.kafka() != null) {
            formats.add(SinkFormat.KAFKA);
            require(where + ".kafka.topic", target.kafka().topic());
            require(where + ".kafka.brokers", target.kafka().brokers());
        }
        if (target.splunkHec() != null) {
            formats.add(SinkFormat.SPLUNK_HEC);
            require(where + ".splunk-hec.url", target.splunkHec().url());
            require(where + ".splunk-hec.token", target.splunkHec().token());
        }
        if (target.cloudevents() != null) {
            formats.add(SinkFormat.CLOUDEVENTS_HTTP);
            require(where + ".cloudevents.url", target.cloudevents().url());
        }
        if (formats.size() != 1) {
            throw new IllegalStateException(where + ": give exactly one of kafka, splunk-hec or cloudevents (found "
                    + (formats.isEmpty() ? "none" : formats) + ")");
        }
        SinkKey key;
        try {
            key = SinkKey.valueOf(target.key().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(where + ".key: '" + target.key() + "' is not one of site, door, device");
        }
        return new Sink(name, formats.get(0), compiler.compileMatch("sink '" + name + "'", target.match()), key,
                target);
    }

    private static void require(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(field + " is missing (an environment variable left unset?)");
        }
    }
}
