package io.gatehouse.enrich;

import org.springframework.stereotype.Component;

import io.gatehouse.event.AccessEvent;

/** The first step of enrichment: names, doors, sites and zones from the directory in force (in memory, no I/O). */
@Component
public class DirectoryEnricher {

    private final CurrentDirectory directory;

    public DirectoryEnricher(CurrentDirectory directory) {
        this.directory = directory;
    }

    public AccessEvent apply(AccessEvent event) {
        return EventNames.withDirectory(event, directory.current());
    }
}
