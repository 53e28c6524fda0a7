-- Runs unchanged on H2 (in PostgreSQL mode) and on PostgreSQL.
-- Indexes for the events console and its API.

-- keyset paging of GET /api/events: newest first, ties broken by receivedAt then id
create index access_event_page on access_event (occurred_at, received_at, id);
-- the door filter matches the door's id (indexed in V1) or its name
create index access_event_door_name on access_event (door_name, occurred_at);
-- GET /api/alerts?event=: alerts an event triggered, and threshold alerts that list it
create index alert_trigger_event on alert (trigger_event_id);
create index rule_threshold_match_event on rule_threshold_match (event_id);
