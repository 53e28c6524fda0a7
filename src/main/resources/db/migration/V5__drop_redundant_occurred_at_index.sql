-- access_event_page (occurred_at, received_at, id) serves every query the single-column index served: one index
-- less to write per stored event (the benchmark showed the index writes at commit as most of a normalization's cost).
drop index access_event_occurred_at;
