-- Runs unchanged on H2 (in PostgreSQL mode) and on PostgreSQL.

-- Every verified webhook, exactly as received, stored before the vendor gets its 202.
create table inbox (
    id                varchar(36)  primary key,
    vendor            varchar(32)  not null,
    -- the vendor's own event id, or what stands for it (see DESIGN.md, de-duplication key)
    dedup_key         varchar(255) not null,
    vendor_event_id   varchar(255),
    vendor_event_type varchar(255) not null,
    received_at       timestamp with time zone not null,
    raw_body          text         not null,
    -- received: waiting for normalization; normalized: an access_event row exists; failed: see error
    status            varchar(16)  not null,
    error             varchar(2000),
    constraint inbox_vendor_dedup_key unique (vendor, dedup_key)
);
create index inbox_status_received on inbox (status, received_at);

-- The canonical access event; its id is the inbox id, the one the vendor was given.
create table access_event (
    id                varchar(36)  primary key references inbox (id),
    vendor            varchar(32)  not null,
    vendor_event_id   varchar(255),
    vendor_event_type varchar(255) not null,
    type              varchar(64)  not null,
    severity          varchar(16)  not null,
    outcome           varchar(16)  not null,
    occurred_at       timestamp with time zone not null,
    received_at       timestamp with time zone not null,
    device_id         varchar(255),
    device_name       varchar(255),
    device_kind       varchar(64),
    door_id           varchar(255),
    door_name         varchar(255),
    site_id           varchar(255),
    site_name         varchar(255),
    actor_id          varchar(255),
    actor_name        varchar(255),
    actor_email       varchar(255),
    method            varchar(32)  not null,
    attributes        text         not null
);
create index access_event_occurred_at on access_event (occurred_at);
create index access_event_type on access_event (type, occurred_at);
create index access_event_vendor on access_event (vendor, occurred_at);
create index access_event_door on access_event (door_id, occurred_at);
create index access_event_device on access_event (device_id, occurred_at);
