package io.gatehouse.normalize;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

import io.gatehouse.inbox.InboxEntry;

/**
 * Which lane a stored event is normalized in (routes/ingress/inbox.camel.yaml): routine traffic, or an event that
 * may raise an alert. Each lane has its own threads and queue, so that under a burst of badge-ins a forced door is
 * normalized and alerted at once instead of behind thousands of routine events. The vendor's normalizer tells,
 * from the payload parsed at ingress; what it does not call routine goes to the alert lane.
 */
@Component
public class NormalizationLanes {

    private final Map<String, VendorNormalizer> normalizers;

    public NormalizationLanes(List<VendorNormalizer> normalizers) {
        this.normalizers = normalizers.stream()
                .collect(Collectors.toUnmodifiableMap(VendorNormalizer::vendor, Function.identity()));
    }

    public boolean isRoutine(@ExchangeProperty("inboxEntry") InboxEntry entry) {
        VendorNormalizer normalizer = normalizers.get(entry.vendor());
        return normalizer != null && entry.payload() != null && normalizer.isRoutine(entry.payload());
    }
}
