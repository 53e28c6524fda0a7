package io.gatehouse.enrich;

import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The directory in force. Loaded at start-up, where a mistake stops start-up with its place; read again every
 * {@code gatehouse.directory.refresh-interval} by routes/enrich/directory.camel.yaml, where a mistake is logged and
 * the directory in force stays. Logs carry counts only, never names.
 */
@Component
public class CurrentDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(CurrentDirectory.class);

    private final DirectoryLoader loader;
    private final AtomicReference<Directory> current = new AtomicReference<>();

    public CurrentDirectory(DirectoryLoader loader) {
        this.loader = loader;
        current.set(loader.load());
        LOG.info("directory: {}", current.get().summary());
    }

    public Directory current() {
        return current.get();
    }

    /** Reads the CSV files and the table again; returns the directory in force afterwards. */
    public Directory refresh() {
        if (!loader.hasExternalSources()) {
            return current.get();
        }
        try {
            Directory fresh = loader.load();
            Directory previous = current.getAndSet(fresh);
            if (!fresh.summary().equals(previous.summary())) {
                LOG.info("directory refreshed: {}", fresh.summary());
            }
        } catch (RuntimeException e) {
            LOG.error("directory not refreshed, the previous one stays in force: {}", e.getMessage());
        }
        return current.get();
    }
}
