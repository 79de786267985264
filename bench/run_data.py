#!/usr/bin/env python3
"""Data generator and timer for an evaluation run: a center (made through the API) with N families and invoices at
every point of the follow-up, loaded straight into PostgreSQL with COPY, then one run over all of them, timed, with the
service's heap sampled while it runs.
   python3 bench/run_data.py BASE_URL BOOTSTRAP_KEY INVOICES SERVICE_PID PG_PORT"""
import io, json, random, subprocess, sys, threading, time, uuid, urllib.request
from datetime import date, datetime, timedelta, timezone

base, key, count, pid, pg_port = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
as_of = "2026-03-09T15:00:00Z"
today = date(2026, 3, 9)
random.seed(7)


def call(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method,
                                     headers={"Content-Type": "application/json", "Authorization": "Bearer " + key})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read() or b"null")


def copy(table, columns, rows):
    """COPY rows (tuples; None is NULL) into a table through psql."""
    buffer = io.StringIO()
    for row in rows:
        buffer.write("\t".join("\\N" if v is None else str(v).replace("\\", "\\\\").replace("\t", " ") for v in row) + "\n")
    subprocess.run(["psql", "-q", "-h", "127.0.0.1", "-p", pg_port, "-U", "postgres", "-d", "postgres", "-v", "ON_ERROR_STOP=1",
                    "-c", f"\\copy {table} ({', '.join(columns)}) from stdin"],
                   input=buffer.getvalue().encode(), check=True, env={"PGPASSWORD": "postgres", "PATH": "/usr/bin:/bin"})


center = "bench-" + uuid.uuid4().hex[:8]
call("POST", "/api/v1/centers", {"id": center, "name": "Bench Academy", "timezone": "America/New_York", "mode": "AUTO"})

started = time.time()
families, invoices, payments, contacts, replies = [], [], [], [], []
now = datetime.now(timezone.utc).isoformat()
for i in range(count):
    family = f"fam-{i}"
    channel = random.choice(["EMAIL", "SMS", "IN_APP"])
    families.append((uuid.uuid4(), center, family, "Parent", f"Family{i}", f"p{i}@example.org", f"+1555{i:07d}", channel,
                     "[]", '["HARDSHIP"]' if i % 50 == 0 else "[]", '[{"firstName":"Kid"}]', now))
    due = today + timedelta(days=random.randint(-70, 20))  # from 70 days late to 20 days ahead
    late = (today - due).days
    status = "UNPAID" if late < 7 else "FIRST" if late < 14 else "SECOND" if late < 30 else "FINAL"
    balance = "550.00" if i % 5 == 0 else "850.00"
    invoices.append((uuid.uuid4(), center, f"INV-{i}", family, due - timedelta(days=30), due, "850.00", balance, "USD", status,
                     "false", "true" if late > 5 and i % 3 else "false", now))
    if i % 5 == 0:
        payments.append((uuid.uuid4(), center, f"pay-{i}", f"INV-{i}", "300.00", due, "true", now))
    # The notices of the stages it is at were sent on the day each stage was reached, at ten in the morning.
    for stage, day in (("OVERDUE_FIRST", 7), ("OVERDUE_SECOND", 14), ("OVERDUE_FINAL", 30)):
        if late >= day:
            sent = datetime.combine(due + timedelta(days=day), datetime.min.time(), timezone(timedelta(hours=-5))) + timedelta(hours=10)
            contacts.append((uuid.uuid4(), center, family, f"INV-{i}", stage, None, channel, sent.isoformat()))
    if i % 20 == 0:
        text, sentiment = random.choice([("We will pay on Friday", "PROMISE_TO_PAY"), ("I lost my job", "HARDSHIP"),
                                         ("Why is this so high?", "CONFUSED"), ("Thanks", "NEUTRAL")])
        replies.append((uuid.uuid4(), center, family, f"INV-{i}", text, "EMAIL", (datetime(2026, 3, 7, 15, tzinfo=timezone.utc)).isoformat(),
                        sentiment, "0.9", "bench"))
copy("family", ["id", "center_id", "external_id", "first_name", "last_name", "email", "phone", "preferred_channel", "opted_out",
                "flags", "children", "updated_at"], families)
copy("invoice", ["id", "center_id", "external_id", "family_id", "issued_on", "due_on", "total", "balance", "currency", "status",
                 "status_set_manually", "late_fee_assessed", "updated_at"], invoices)
copy("payment", ["id", "center_id", "external_id", "invoice_id", "amount", "paid_on", "succeeded", "received_at"], payments)
copy("contact", ["id", "center_id", "family_id", "invoice_id", "kind", "days_before", "channel", "sent_at"], contacts)
copy("reply", ["id", "center_id", "family_id", "invoice_id", "text", "channel", "received_at", "sentiment", "confidence", "classifier"], replies)
subprocess.run(["psql", "-q", "-h", "127.0.0.1", "-p", pg_port, "-U", "postgres", "-d", "postgres", "-c", "analyze"], check=True,
               env={"PGPASSWORD": "postgres", "PATH": "/usr/bin:/bin"})
print(f"generated {count} families and invoices ({len(payments)} payments, {len(contacts)} contacts, {len(replies)} replies) "
      f"with COPY in {time.time() - started:.1f} s")

peak = [0]
running = [True]


def sample_heap():
    """The heap in use (survivor, eden and old spaces), sampled every half second with jstat."""
    while running[0]:
        out = subprocess.run(["jstat", "-gc", pid], capture_output=True, text=True).stdout.split("\n")
        if len(out) > 1 and out[1].strip():
            head, values = out[0].split(), out[1].split()
            used = sum(float(values[head.index(c)]) for c in ("S0U", "S1U", "EU", "OU"))
            peak[0] = max(peak[0], used / 1024)
        time.sleep(0.5)


sampler = threading.Thread(target=sample_heap, daemon=True)
sampler.start()
def metrics():
    """The run counters of /q/metrics: invoices decided or failed so far, and worker threads at work."""
    with urllib.request.urlopen(base + "/q/metrics", timeout=60) as response:
        text = response.read().decode()
    value = lambda name: sum(float(line.rsplit(" ", 1)[1]) for line in text.splitlines() if line.startswith(name))
    return value("dunwell_run_invoices_total"), value("dunwell_run_workers_active")


# Progress is watched through /q/metrics, which costs the run nothing: while a run goes on, its status counts its items in
# the database (a million of them for the largest run), so it is read once, at the end (a finished run keeps its counts).
before, _ = metrics()
run = call("POST", "/api/v1/runs", {"centerId": center, "asOf": as_of})
while True:
    time.sleep(1)
    decided, working = metrics()
    if decided - before >= count and working == 0:
        break
run = call("GET", "/api/v1/runs/" + run["id"])
while run.get("finishedAt") is None:
    time.sleep(2)
    run = call("GET", "/api/v1/runs/" + run["id"])
# From the run's own record: opened (its items listed) to finished (the last of them written).
seconds = (datetime.fromisoformat(run["finishedAt"].replace("Z", "+00:00"))
           - datetime.fromisoformat(run["startedAt"].replace("Z", "+00:00"))).total_seconds()
running[0] = False
sampler.join()
asked = time.monotonic()
call("GET", "/api/v1/runs/" + run["id"])
print(f"the finished run's status answered in {(time.monotonic() - asked) * 1000:.0f} ms")
print(f"actions: {json.dumps(run['actionsByType'], sort_keys=True)}; {run['failed']} failed")
print(f"{run['done']} invoices in {seconds:.1f} s: {run['done'] / seconds:.0f} invoices/s, peak heap {peak[0]:.0f} MiB")
