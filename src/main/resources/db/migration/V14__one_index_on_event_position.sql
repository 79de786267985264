-- The feed reads events by center and position (event_feed); positions come from one sequence, given by one sequencer at
-- a time, so they are unique without a second index, which every event written (its position still null) paid for.
alter table event drop constraint event_position_key;
