-- Runs unchanged on H2 (in PostgreSQL mode) and on PostgreSQL.
-- An event a sink's platform refuses as such (a Splunk HEC 400 "invalid data format", a Kafka record too large), not
-- for being down or busy: attempts counts the refusals of batches that held it; refused alone
-- gatehouse.sinks.max-attempts times, it is parked (parked_at set): left out of the sink's batches, so the events
-- behind it go on, until an operator retries or skips it (docs/operations.md#sinks).
alter table sink_outbox add column attempts int not null default 0;
alter table sink_outbox add column parked_at timestamp with time zone;
alter table sink_outbox add column refusal varchar(2000);
