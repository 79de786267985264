-- Tasks are worked by people: assigned, resolved with an outcome and a note.
alter table task add column state text not null default 'OPEN' check (state in ('OPEN', 'DONE'));
alter table task add column assignee text;
alter table task add column resolved_at timestamptz;
alter table task add column resolved_by text;
alter table task add column outcome text;
alter table task add column note text;
alter table task add column reason text;
create index task_queue on task (center_id, state, created_at);

-- A person's reading of a reply wins over the classifier's: the next decision acts on it, and it can be exported to
-- train the classifier again.
alter table reply add column label_sentiment text;
alter table reply add column label_promised_on date;
alter table reply add column labelled_at timestamptz;
alter table reply add column labelled_by text;

-- What people changed of what the policy reads (a family's flags), with who and why: shown in the invoice's timeline.
create table audit_entry (
    id         uuid primary key,
    center_id  text        not null references center (id),
    invoice_id text,
    family_id  text,
    at         timestamptz not null default now(),
    who        text        not null,
    what       text        not null,
    detail     jsonb       not null
);
create index audit_invoice on audit_entry (center_id, invoice_id, at);
