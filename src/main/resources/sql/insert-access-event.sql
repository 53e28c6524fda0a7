insert into access_event (id, vendor, vendor_event_id, vendor_event_type, type, severity, outcome, occurred_at,
    received_at, device_id, device_name, device_kind, door_id, door_name, site_id, site_name, actor_id, actor_name,
    actor_email, method, attributes, time_zone, enrichment)
values (:#id, :#vendor, :#vendorEventId, :#vendorEventType, :#type, :#severity, :#outcome, :#occurredAt,
    :#receivedAt, :#deviceId, :#deviceName, :#deviceKind, :#doorId, :#doorName, :#siteId, :#siteName, :#actorId,
    :#actorName, :#actorEmail, :#method, :#attributes, :#timeZone, :#enrichment)
on conflict do nothing
