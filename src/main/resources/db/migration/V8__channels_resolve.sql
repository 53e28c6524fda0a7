-- Runs unchanged on H2 (in PostgreSQL mode) and on PostgreSQL.
-- A rule's resolve-on (docs/rules.md): the clearing event resolves the open alerts of its rule and group, and
-- queues a 'resolve' delivery to each PagerDuty channel of the rule (same dedup_key as the trigger).

-- what a delivery tells its channel: the alert ('trigger'), or that its condition cleared ('resolve')
alter table alert_delivery add column action varchar(16) default 'trigger' not null;

-- when a clearing event resolved the alert; null while it is open
alter table alert add column resolved_at timestamp with time zone;
create index alert_open_by_group on alert (rule_name, group_key, resolved_at);
