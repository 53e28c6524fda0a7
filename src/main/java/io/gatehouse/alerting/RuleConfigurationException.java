package io.gatehouse.alerting;

/** A rule or channel that cannot work as written; the message names the rule, the field and the fix. */
public class RuleConfigurationException extends RuntimeException {

    public RuleConfigurationException(String message) {
        super(message);
    }
}
