-- Delivery of the outbox: attempts with backoff, and kill switches (per center, and for everything).
alter table outbox add column attempts integer not null default 0;
alter table outbox add column next_attempt_at timestamptz;
alter table outbox add column last_error text;
alter table outbox add column sent_at timestamptz;
alter table center add column sending_paused boolean not null default false;

create table kill_switch (
    name   text primary key,
    active boolean not null
);
insert into kill_switch (name, active) values ('global', false);
