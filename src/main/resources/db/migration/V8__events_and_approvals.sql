-- Every effect Dunwell carries out becomes an event, written in the transaction of the effect. The feed's order is the
-- order events are given a position, after they commit (EventSequencer), so a reader never skips one that commits late.
create sequence event_position;

create table event (
    id              uuid primary key,
    type            text        not null,
    occurred_at     timestamptz not null,
    center_id       text        not null references center (id),
    invoice_id      text,
    family_id       text,
    decision_id     uuid,
    ruleset_version text,
    data            jsonb       not null,
    -- At most once in meaning: a fee per invoice, a status transition per invoice, and so on (see EventLog).
    meaning         text        not null unique,
    position        bigint unique,
    created_at      timestamptz not null default clock_timestamp(),
    -- UNSENT: the center had no eventsUrl when it happened (it is in the pull feed only).
    delivery_state  text        not null default 'PENDING' check (delivery_state in ('PENDING', 'DELIVERED', 'FAILED', 'UNSENT')),
    attempts        integer     not null default 0,
    next_attempt_at timestamptz,
    last_error      text,
    delivered_at    timestamptz
);
create index event_unsequenced on event (created_at) where position is null;
create index event_feed on event (center_id, position);
create index event_pending on event (center_id, delivery_state, position) where delivery_state = 'PENDING';

create table event_attempt (
    event_id    uuid        not null references event (id),
    at          timestamptz not null,
    status      integer,
    error       text,
    duration_ms integer     not null
);
create index event_attempt_event on event_attempt (event_id, at);

-- Where a center's events go, and how they are signed (the secret is sealed, like the webhook secret).
alter table center add column events_url text;
alter table center add column events_secret text;
-- Which effects wait for a person in AUTO mode too, and above which balance every effect does; the pilot's families.
alter table center add column approval jsonb not null default '{}';
alter table center add column pilot jsonb not null default '{}';

-- Effects that write to the billing platform wait here for a person (APPROVAL mode, or the center's approval settings):
-- approved, they are applied and become events; rejected, nothing happens, and the same effect is not proposed again.
create table pending_effect (
    id          uuid primary key,
    center_id   text        not null references center (id),
    invoice_id  text        not null,
    family_id   text,
    decision_id uuid,
    type        text        not null,
    effect_key  text        not null,
    payload     jsonb       not null,
    balance     numeric(12, 2),
    -- OUTDATED: approved, but the invoice had moved on (paid, its status or fee changed meanwhile): nothing was done.
    state       text        not null default 'AWAITING_APPROVAL' check (state in ('AWAITING_APPROVAL', 'APPLIED', 'REJECTED', 'OUTDATED')),
    created_at  timestamptz not null default clock_timestamp(),
    decided_at  timestamptz,
    decided_by  text,
    unique (center_id, invoice_id, effect_key)
);
create index pending_effect_waiting on pending_effect (center_id, state);
