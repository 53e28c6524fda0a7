package io.gatehouse.alerting;

import java.util.List;


/** The rules and channels in force: replaced as a whole on reload, so a rule never names a missing channel. */
public record RuleBook(List<Rule> rules, Channels channels) {
}
