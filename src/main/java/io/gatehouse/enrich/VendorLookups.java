package io.gatehouse.enrich;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.stereotype.Component;

import io.gatehouse.definitions.VendorCatalog;
import io.gatehouse.definitions.VendorDefinition;
import io.gatehouse.definitions.VendorDefinitionException;
import io.gatehouse.event.AccessEvent;

/**
 * The resource of the content enricher in routes/enrich/enrich.camel.yaml: asks the event's vendor's API about the
 * device and access code the directory did not name. Answers are cached (Caffeine: bounded, expiring; a burst of
 * events for one device makes one request, and "unknown" is cached too, failures are not). The event waits at most
 * {@code gatehouse.enrichment.timeout}; after a failure or timeout the vendor's API rests for
 * {@code retry-after}, and events meanwhile go on at once, marked failed.
 */
@Component
public class VendorLookups {

    private static final Logger LOG = LoggerFactory.getLogger(VendorLookups.class);

    /** By the vendor whose events it names (the vendor definitions' {@code directory:}). */
    private final Map<String, VendorDirectoryApi> apis;
    private final AsyncCache<String, Optional<VendorName>> cache;
    private final Duration timeout;
    private final Duration retryAfter;
    private final Clock clock;
    private final Map<String, Instant> restingUntil = new ConcurrentHashMap<>();

    public VendorLookups(List<VendorDirectoryApi> apis, VendorCatalog catalog, EnrichmentProperties properties,
                         Clock clock) {
        this.apis = byVendor(apis.stream().collect(Collectors.toUnmodifiableMap(VendorDirectoryApi::name,
                Function.identity())), catalog);
        this.cache = Caffeine.newBuilder()
                .maximumSize(properties.cache().maxSize())
                .expireAfterWrite(properties.cache().ttl())
                .buildAsync();
        this.timeout = properties.timeout();
        this.retryAfter = properties.retryAfter();
        this.clock = clock;
    }

    private static Map<String, VendorDirectoryApi> byVendor(Map<String, VendorDirectoryApi> byName,
                                                            VendorCatalog catalog) {
        Map<String, VendorDirectoryApi> byVendor = new java.util.HashMap<>();
        for (VendorDefinition definition : catalog.all()) {
            if (definition.directory() == null) {
                continue;
            }
            VendorDirectoryApi api = byName.get(definition.directory());
            if (api == null) {
                throw new VendorDefinitionException(List.of(definition.file() + ": directory: '"
                        + definition.directory() + "' is not a directory API Gatehouse has (it has: "
                        + String.join(", ", new java.util.TreeSet<>(byName.keySet())) + ")"));
            }
            byVendor.put(definition.name(), api);
        }
        return Map.copyOf(byVendor);
    }

    public VendorFacts lookup(AccessEvent event) {
        VendorDirectoryApi api = apis.get(event.vendor());
        String deviceId = EventNames.deviceToLookUp(event);
        String accessCodeId = EventNames.accessCodeToLookUp(event);
        if (api == null || !api.configured() || (deviceId == null && accessCodeId == null)) {
            return VendorFacts.NOTHING;
        }
        Instant now = clock.instant();
        Instant resting = restingUntil.get(api.name());
        if (resting != null && now.isBefore(resting)) {
            return VendorFacts.FAILED;
        }
        CompletableFuture<Optional<VendorName>> device = deviceId == null ? none()
                : cache.get(api.name() + ":device:" + deviceId, (key, executor) -> api.device(deviceId));
        CompletableFuture<Optional<VendorName>> accessCode = accessCodeId == null ? none()
                : cache.get(api.name() + ":access_code:" + accessCodeId,
                        (key, executor) -> api.accessCode(accessCodeId));
        try {
            CompletableFuture.allOf(device, accessCode).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new VendorFacts(device.join().orElse(null), accessCode.join().orElse(null), false);
        } catch (TimeoutException | ExecutionException e) {
            restingUntil.put(api.name(), now.plus(retryAfter));
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            LOG.warn("{} API lookup failed ({}); events from {} go on without its names for the next {}",
                    api.name(), cause.getClass().getSimpleName() + (cause.getMessage() == null ? ""
                            : ": " + cause.getMessage()), event.vendor(), DurationStyle.SIMPLE.print(retryAfter));
            return new VendorFacts(answered(device), answered(accessCode), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return VendorFacts.FAILED;
        }
    }

    private static CompletableFuture<Optional<VendorName>> none() {
        return CompletableFuture.completedFuture(Optional.empty());
    }

    private static VendorName answered(CompletableFuture<Optional<VendorName>> lookup) {
        return lookup.isDone() && !lookup.isCompletedExceptionally() ? lookup.join().orElse(null) : null;
    }
}
