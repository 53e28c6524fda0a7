-- Enrichment: the names, doors, sites and time zones Gatehouse puts to the vendors' ids.

-- the time zone of the place an event happened (IANA, e.g. Europe/Berlin), and how far its ids got names:
-- enriched, partial, none or failed (a vendor lookup failed or timed out); null for events stored before V3
alter table access_event add column time_zone varchar(64);
alter table access_event add column enrichment varchar(16);

-- The directory of known things, for estates too large to type into application.yaml: read with
-- gatehouse.directory.table: true, re-read every gatehouse.directory.refresh-interval.
-- kind: site, door, device, credential or person; door_id and site_id name where a device, door or credential is;
-- time_zone is a site's IANA zone.
create table directory_entry (
    kind      varchar(16)  not null,
    id        varchar(255) not null,
    name      varchar(255),
    door_id   varchar(255),
    site_id   varchar(255),
    time_zone varchar(64),
    primary key (kind, id)
);
