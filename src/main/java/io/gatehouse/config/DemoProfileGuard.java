package io.gatehouse.config;

import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * Keeps the demo profile (application-demo.yaml, whose secrets are public) from ever serving real data unnoticed:
 * it says so loudly at start-up, and refuses to start on a database other than the embedded H2 one, before
 * anything has connected to it. Runs once the configuration is read, so every source of the datasource URL counts.
 */
public class DemoProfileGuard implements EnvironmentPostProcessor, Ordered {

    static final String PROFILE = "demo";

    private final Log log;

    public DemoProfileGuard(DeferredLogFactory logs) {
        this.log = logs.getLog(DemoProfileGuard.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.acceptsProfiles(Profiles.of(PROFILE))) {
            return;
        }
        try {
            requireEmbeddedH2(environment.getProperty("spring.datasource.url"));
        } catch (IllegalStateException refused) {
            // straight to the console: logging is not set up yet, and a start-up that fails here never replays
            // the deferred log
            System.err.println("WARN " + banner());
            throw refused;
        }
        log.warn(banner());
    }

    /** Throws, naming the URL's kind and the fix, unless the URL is an H2 database's. */
    static void requireEmbeddedH2(String url) {
        if (url == null || !url.trim().regionMatches(true, 0, "jdbc:h2:", 0, "jdbc:h2:".length())) {
            // only the scheme: the rest of a URL may carry a host name or a password
            String kind = url == null || url.isBlank() ? "(none)"
                    : url.trim().matches("jdbc:[^:]+:.*") ? url.trim().replaceFirst("^(jdbc:[^:]+):.*$", "$1:")
                    : "(not a jdbc: URL)";
            throw new IllegalStateException("The demo profile refuses to start with spring.datasource.url " + kind
                    + "...: its webhook secrets and API token are public, so it runs only on the embedded H2 "
                    + "database. Remove 'demo' from spring.profiles.active (SPRING_PROFILES_ACTIVE) to use this "
                    + "database, or unset SPRING_DATASOURCE_URL to try the demo.");
        }
    }

    static String banner() {
        String rule = "=".repeat(100);
        return String.join(System.lineSeparator(), "", rule,
                "  DEMO PROFILE ACTIVE: NOT FOR PRODUCTION",
                "  The webhook secrets and the API token (demo-api-token) are the public values of",
                "  application-demo.yaml: anyone who can reach this Gatehouse can send it events and read them.",
                "  Alerts go to the log only (channel log:console). Database: embedded H2 (./data/gatehouse-demo).",
                "  Send the sample webhooks with: java demo/SendSamples.java",
                "  If this is not a trial on your own machine, stop it and remove 'demo' from spring.profiles.active.",
                rule);
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
