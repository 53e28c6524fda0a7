select id, vendor, dedup_key, vendor_event_id, vendor_event_type, received_at, raw_body
from inbox where status = 'received' and received_at < :#receivedBefore
order by received_at
limit 500
