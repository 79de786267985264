-- Every decision the service made, with the full request it answered and the ruleset version that
-- decided: for "why?" questions (GET /api/v1/decisions/{id}), replay and impact previews.
create table decision_record (
    id              uuid primary key,
    invoice_id      text        not null,
    center_id       text,
    as_of           timestamptz not null,
    ruleset_version text        not null,
    request         jsonb       not null,
    answer          jsonb       not null,
    created_at      timestamptz not null default now()
);

create index decision_record_created_at on decision_record (created_at);
create index decision_record_invoice on decision_record (invoice_id, as_of);
