-- The follow-up state a center's billing platform feeds through webhooks. Ids of the platform are
-- kept as external_id, unique per center; rows have their own uuid.
create table center (
    id             text primary key,
    name           text,
    timezone       text        not null default 'UTC',
    holidays       jsonb       not null default '[]',
    settings       jsonb       not null default '{}',
    mode           text        not null default 'SHADOW' check (mode in ('SHADOW', 'APPROVAL', 'AUTO')),
    webhook_secret text        not null,
    created_at     timestamptz not null default now()
);

create table family (
    id                uuid primary key,
    center_id         text        not null references center (id),
    external_id       text        not null,
    first_name        text,
    last_name         text,
    email             text,
    phone             text,
    preferred_channel text,
    opted_out         jsonb       not null default '[]',
    flags             jsonb       not null default '[]',
    children          jsonb       not null default '[]',
    updated_at        timestamptz not null default now(),
    unique (center_id, external_id)
);

create table invoice (
    id                  uuid primary key,
    center_id           text          not null references center (id),
    external_id         text          not null,
    family_id           text,
    issued_on           date,
    due_on              date,
    total               numeric(12, 2),
    balance             numeric(12, 2) not null default 0,
    currency            text          not null default 'USD',
    status              text          not null default 'UNPAID',
    status_set_manually boolean       not null default false,
    automation_enabled  boolean,
    late_fee_assessed   boolean       not null default false,
    updated_at          timestamptz   not null default now(),
    unique (center_id, external_id)
);

-- A payment may arrive before its invoice: it is kept by the invoice's external id, not a foreign key.
create table payment (
    id          uuid primary key,
    center_id   text          not null references center (id),
    external_id text          not null,
    invoice_id  text          not null,
    amount      numeric(12, 2) not null,
    paid_on     date,
    succeeded   boolean       not null,
    received_at timestamptz   not null default now(),
    unique (center_id, external_id)
);

create table reply (
    id          uuid primary key,
    center_id   text        not null references center (id),
    family_id   text        not null,
    invoice_id  text,
    text        text        not null,
    channel     text,
    received_at timestamptz not null,
    sentiment   text        not null,
    confidence  numeric(4, 3),
    promised_on date,
    classifier  text        not null
);

create index reply_family on reply (center_id, family_id, received_at);

-- Every webhook accepted, once: a repeated webhook-id is acknowledged and not applied again.
create table webhook_event (
    center_id   text        not null references center (id),
    webhook_id  text        not null,
    source      text        not null,
    type        text        not null,
    payload     jsonb       not null,
    received_at timestamptz not null default now(),
    primary key (center_id, webhook_id)
);
