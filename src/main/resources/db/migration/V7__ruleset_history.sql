-- Every ruleset that served, with its files: a decision's ruleset_version always resolves to the files that made it.
create table ruleset_version (
    version      text primary key,
    files        jsonb       not null,
    file_hashes  jsonb       not null,
    served_from  timestamptz not null default now(),
    served_until timestamptz
);

-- A run decides all its invoices with the ruleset it started with.
alter table run add column ruleset_version text;
