-- Installation keys (policy authors) belong to no center.
alter table api_key alter column center_id drop not null;
