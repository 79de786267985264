-- API keys per center. Only a SHA-256 of the key is kept (keys are 256 random bits, so a slow hash adds
-- nothing); key_prefix lets people tell their keys apart in listings.
create table api_key (
    id         uuid primary key,
    center_id  text        not null references center (id),
    name       text        not null,
    roles      jsonb       not null,
    key_hash   text        not null unique,
    key_prefix text        not null,
    created_at timestamptz not null default now(),
    revoked_at timestamptz
);
create index api_key_center on api_key (center_id);

-- Decisions asked for without a key name their center themselves: a center's keys do not see them.
alter table decision_record add column anonymous boolean not null default false;
