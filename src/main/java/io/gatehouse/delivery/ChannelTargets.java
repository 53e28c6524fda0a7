package io.gatehouse.delivery;

import java.util.Map;
import java.util.function.Predicate;

/** The target of a delivery's channel in the rules now in force, for each channel kind's message builder. */
final class ChannelTargets {

    private ChannelTargets() {
    }

    /**
     * The channel's target; a reload may have removed the channel or emptied its target since the alert was raised,
     * and the delivery then fails with that reason.
     */
    static <T> T inForce(Map<String, T> targets, String channel, Predicate<T> configured) {
        T target = targets.get(channel);
        if (target == null || !configured.test(target)) {
            throw new IllegalStateException("channel " + channel + " is no longer configured");
        }
        return target;
    }
}
