package io.gatehouse.enrich;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import io.gatehouse.event.AccessEvent;

/**
 * The content enricher's aggregation: merges what the vendor's API said ({@link VendorFacts}, the resource's
 * reply) into the event and marks how far it is enriched. A resource that failed (the route sets
 * aggregateOnException) leaves the event as it was, marked {@code failed}: enrichment never fails an event.
 */
@Component
public class VendorFactsStrategy implements AggregationStrategy {

    @Override
    public Exchange aggregate(Exchange original, Exchange resource) {
        AccessEvent event = original.getIn().getBody(AccessEvent.class);
        VendorFacts facts = resource == null || resource.getException() != null
                ? VendorFacts.FAILED : resource.getIn().getBody(VendorFacts.class);
        if (facts == null) {
            facts = VendorFacts.NOTHING;
        }
        AccessEvent enriched = EventNames.withVendorFacts(event, facts);
        original.getIn().setBody(enriched.withEnrichment(EventNames.status(enriched, facts.failed())));
        return original;
    }
}
