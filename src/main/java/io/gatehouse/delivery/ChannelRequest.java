package io.gatehouse.delivery;

import java.util.Map;
import java.util.Set;

/**
 * One POST of a JSON body to an HTTP channel (Teams, PagerDuty, an outbound webhook), as its message builder made
 * it, for {@link ChannelHttp}.
 *
 * @param peer              who receives it, as errors name it ("Teams", "PagerDuty", "the webhook")
 * @param url               where to; it may hold a secret (a Teams workflow's signature), so errors name its host only
 * @param headers           the request's headers besides Content-Type
 * @param permanentStatuses the HTTP statuses, besides 401, 403, 404 and 410, that retrying cannot mend (PagerDuty: 400)
 */
public record ChannelRequest(String peer, String url, Map<String, String> headers, String body,
                             Set<Integer> permanentStatuses) {
}
