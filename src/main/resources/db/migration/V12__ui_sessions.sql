-- Signed-in sessions of the web UI (/ui/). The cookie holds a random id; only its SHA-256 is kept here, so a copy of this
-- table signs nobody in. A session stands for the key it was opened with (key_id, or the bootstrap key) and acts for one
-- center; the key's roles are read again on every request, so revoking the key ends its sessions.
create table ui_session (
    id_hash    text primary key,
    key_id     uuid references api_key (id),
    bootstrap  boolean     not null default false,
    -- A bootstrap session: an HMAC of the session id under the bootstrap key, so a new bootstrap key ends the old sessions.
    key_check  text,
    center_id  text references center (id),
    created_at timestamptz not null default now(),
    expires_at timestamptz not null,
    check (bootstrap = (key_id is null))
);
create index ui_session_expiry on ui_session (expires_at);
