-- A run's cost per invoice must not grow with the run or the tables. Each lookup of a run below reads by index:
-- the next pending item of a run (a partial index: decided items are not walked past again and again), an invoice's
-- payments, a family's invoices (the lookback of the waiver), an invoice's contacts, tasks and events (timelines,
-- reports), and the webhooks that named an invoice (the cancelled-invoices report and the funnel).
create index run_item_pending on run_item (run_id, invoice_id) where state = 'PENDING';
create index payment_invoice on payment (center_id, invoice_id);
create index invoice_family on invoice (center_id, family_id);
create index contact_invoice on contact (center_id, invoice_id);
create index event_invoice on event (center_id, invoice_id, type);
create index webhook_event_invoice on webhook_event (center_id, (payload -> 'data' ->> 'invoiceId'));
