-- Runs unchanged on H2 (in PostgreSQL mode) and on PostgreSQL.
-- An event a sink's platform refuses as such (a Splunk HEC 400 "invalid data format", a Kafka record too large), not
-- for being down or busy: attempts counts the refusals of batches that held it; refused alone
-- gatehouse.sinks.max-attempts times, it is parked (parked_at set): left out of the sink's batches, so the events
-- behind it go on, until an operator retries or skips it (docs/operations.md#sinks).
alter table sink_outbox add column attempts int not null default 0;
alter table sink_outbox add column parked_at timestamp with time zone;
alter table sink_outbox add column refusal varchar(2000);

-- A sink's next batch, its lag and its oldest waiting event are read from this index alone, in position order,
-- parked events aside (H2 read and sorted every waiting row without parked_at in the index: 200 000 waiting,
-- a batch took 20 to 200 ms, against 2 ms with it).
drop index sink_outbox_sink_position;
create index sink_outbox_sink_waiting on sink_outbox (sink, parked_at, position);
