-- Runs unchanged on H2 (in PostgreSQL mode) and on PostgreSQL.

-- The retention purge finds the events it deletes by when they were received: without this index each of its
-- batches read the whole inbox.
create index inbox_received_at on inbox (received_at);
