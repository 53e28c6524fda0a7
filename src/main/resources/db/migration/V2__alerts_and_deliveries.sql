-- Alerts raised by rules, each delivery of an alert to a channel, and the rule state that thresholds and
-- throttles share across restarts and instances.

create table alert (
    id               varchar(36)  primary key,
    rule_name        varchar(128) not null,
    severity         varchar(16)  not null,
    group_key        varchar(300) not null,
    -- the event that made the rule fire; with rule_name it makes re-evaluating an event (after a crash) a no-op
    trigger_event_id varchar(36)  not null,
    -- JSON array of the ids of the events the alert covers (several for a threshold)
    event_ids        text         not null,
    -- alerts of this rule and group silenced by its throttle since the previous alert
    suppressed_count integer      not null,
    created_at       timestamp with time zone not null,
    constraint alert_rule_trigger unique (rule_name, trigger_event_id)
);
create index alert_created_at on alert (created_at);

-- pending -> sending -> sent, or back to pending with a later next_attempt_at, or failed after the last attempt
create table alert_delivery (
    id              varchar(36)  primary key,
    alert_id        varchar(36)  not null references alert (id),
    channel         varchar(160) not null,
    status          varchar(16)  not null,
    attempts        integer      not null,
    next_attempt_at timestamp with time zone not null,
    last_error      varchar(2000),
    sent_at         timestamp with time zone,
    created_at      timestamp with time zone not null
);
create index alert_delivery_due on alert_delivery (status, next_attempt_at);
create index alert_delivery_alert on alert_delivery (alert_id);

-- one row per rule and event once the rule has looked at the event
create table rule_evaluation (
    rule_name varchar(128) not null,
    event_id  varchar(36)  not null,
    primary key (rule_name, event_id)
);

-- per rule and group: the row locked while a threshold or throttle decides, and the throttle's memory
create table rule_group_state (
    rule_name     varchar(128) not null,
    group_key     varchar(300) not null,
    last_alert_at timestamp with time zone,
    suppressed    integer      not null,
    primary key (rule_name, group_key)
);

-- events counted by threshold rules; alert_id is set once they have been reported
create table rule_threshold_match (
    rule_name   varchar(128) not null,
    group_key   varchar(300) not null,
    event_id    varchar(36)  not null,
    occurred_at timestamp with time zone not null,
    alert_id    varchar(36),
    primary key (rule_name, event_id)
);
create index rule_threshold_match_group on rule_threshold_match (rule_name, group_key, occurred_at);
