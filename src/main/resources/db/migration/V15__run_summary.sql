-- A finished run keeps its counts (items by state, decided actions by type): its items cannot change after it ends, and
-- its status is then read from one row instead of counting every item again. A nullable column without a default: no
-- rewrite of the table. Runs finished before have none and are counted as before.
alter table run add column summary jsonb;
