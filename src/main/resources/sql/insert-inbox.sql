insert into inbox (id, vendor, dedup_key, vendor_event_id, vendor_event_type, received_at, raw_body, status)
values (:#id, :#vendor, :#dedupKey, :#vendorEventId, :#vendorEventType, :#receivedAt, :#rawBody, 'received')
