-- Evaluation runs: each open invoice of a center decided once per run, its effects written with the
-- decision in one transaction. Work is split between instances by claiming run items with
-- FOR UPDATE SKIP LOCKED; a run key makes a repeated start (a second replica, a CronJob that fires
-- twice) join the same run instead of starting another.
alter table invoice add column paid_on date;

create table run (
    id          uuid primary key,
    center_id   text        not null references center (id),
    run_key     text        not null unique,
    as_of       timestamptz not null,
    dry_run     boolean     not null,
    started_at  timestamptz not null default now(),
    finished_at timestamptz
);

create table run_item (
    run_id      uuid not null references run (id),
    invoice_id  text not null,
    state       text not null default 'PENDING' check (state in ('PENDING', 'DONE', 'FAILED')),
    decision_id uuid,
    actions     jsonb,
    error       text,
    primary key (run_id, invoice_id)
);

create table task (
    id          uuid primary key,
    center_id   text        not null references center (id),
    invoice_id  text        not null,
    type        text        not null,
    decision_id uuid,
    source      text        not null default 'Dunwell',
    created_at  timestamptz not null default now(),
    unique (center_id, invoice_id, type)
);

-- What a decision asks to be sent. A reminder of one kind (and pre-due day) exists once per invoice:
-- the database, not only the code, keeps it from being sent twice.
create table outbox (
    id          uuid primary key,
    center_id   text        not null references center (id),
    invoice_id  text        not null,
    family_id   text,
    decision_id uuid,
    run_id      uuid,
    kind        text        not null,
    days_before integer     not null default -1,
    channel     text        not null,
    not_before  timestamptz not null,
    state       text        not null default 'PENDING',
    source      text        not null default 'Dunwell',
    created_at  timestamptz not null default now(),
    unique (center_id, invoice_id, kind, days_before)
);

-- Contacts sent to a family (counted by the next decision's caps).
create table contact (
    id         uuid primary key,
    center_id  text        not null references center (id),
    family_id  text        not null,
    invoice_id text        not null,
    kind       text        not null,
    days_before integer,
    channel    text        not null,
    sent_at    timestamptz not null,
    outbox_id  uuid
);

create index contact_family on contact (center_id, family_id, sent_at);
