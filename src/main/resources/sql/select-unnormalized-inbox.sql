-- "order by status, received_at" and not just "received_at": with status fixed the order is the same, but only
-- this form lets H2 read the page in the index's order (inbox_status_received) and stop after 500 rows; with
-- "order by received_at" it read and sorted every waiting row, raw bodies included, at every sweep
-- (InboxIndexUseTest).
select id, vendor, dedup_key, vendor_event_id, vendor_event_type, received_at, raw_body
from inbox where status = 'received' and received_at < :#receivedBefore
order by status, received_at
limit 500
