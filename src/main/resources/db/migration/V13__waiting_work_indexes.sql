-- The waiting work is counted every 15 s for /q/metrics (app.dunwell.metrics.WaitingWork). These partial indexes hold only
-- the waiting rows, so each count and each oldest age reads the backlog, not the tables' history: the outbox keeps every
-- reminder ever sent, the event table every event, the run table a run per center and day. The outbox's index also
-- serves the dispatcher's "next due reminder" (ordered by not_before). Pending run items are counted by run_item_pending (V11).
create index outbox_waiting on outbox (not_before) where state = 'PENDING';
create index event_waiting on event (created_at) where delivery_state = 'PENDING';
create index run_unfinished on run (started_at) where finished_at is null;
