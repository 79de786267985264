#!/usr/bin/env python3
"""Data generator and timer for an evaluation run: a center with N families and invoices at every point of the
follow-up, fed through signed webhooks (Standard Webhooks), then one run over all of them, timed.
   python3 bench/run_data.py BASE_URL BOOTSTRAP_KEY INVOICES SERVICE_PID"""
import base64, hashlib, hmac, json, random, sys, time, uuid, urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

base, key, count, pid = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
as_of = "2026-03-09T15:00:00Z"
today = date(2026, 3, 9)
random.seed(7)


def call(method, path, body=None, headers=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method,
                                     headers={"Content-Type": "application/json", **(headers or {})})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read() or b"null")


center = "bench-" + uuid.uuid4().hex[:8]
created = call("POST", "/api/v1/centers", {"id": center, "name": "Bench Academy", "timezone": "America/New_York", "mode": "AUTO"},
               {"Authorization": "Bearer " + key})
secret = base64.b64decode(created["webhookSecret"].removeprefix("whsec_"))


def event(kind, data):
    payload = json.dumps({"type": kind, "data": {"centerId": center, **data}})
    msg_id, stamp = "msg_" + uuid.uuid4().hex, str(int(time.time()))
    signature = base64.b64encode(hmac.new(secret, f"{msg_id}.{stamp}.{payload}".encode(), hashlib.sha256).digest()).decode()
    request = urllib.request.Request(base + "/api/v1/webhooks/bench", data=payload.encode(), method="POST", headers={
        "Content-Type": "application/json", "webhook-id": msg_id, "webhook-timestamp": stamp, "webhook-signature": "v1," + signature})
    urllib.request.urlopen(request, timeout=60).read()


def family_and_invoice(i):
    family = f"fam-{i}"
    event("family.updated", {"familyId": family, "firstName": "Parent", "email": f"p{i}@example.org", "phone": f"+1555{i:07d}",
                             "preferredChannel": random.choice(["EMAIL", "SMS", "IN_APP"]),
                             "flags": ["HARDSHIP"] if i % 50 == 0 else []})
    due = today + timedelta(days=random.randint(-70, 20))  # from 70 days late to 20 days ahead
    event("invoice.created", {"invoiceId": f"INV-{i}", "familyId": family, "issuedOn": str(due - timedelta(days=30)),
                              "dueOn": str(due), "total": "850.00"})
    if i % 5 == 0:
        event("payment.succeeded", {"paymentId": f"pay-{i}", "invoiceId": f"INV-{i}", "amount": "300.00", "paidOn": str(due)})


started = time.time()
with ThreadPoolExecutor(8) as pool:
    list(pool.map(family_and_invoice, range(count)))
print(f"generated {count} families and invoices through webhooks in {time.time() - started:.1f} s")

started = time.time()
run = call("POST", "/api/v1/runs", {"centerId": center, "asOf": as_of}, {"Authorization": "Bearer " + key})
while run.get("finishedAt") is None:
    time.sleep(0.5)
    run = call("GET", "/api/v1/runs/" + run["id"], headers={"Authorization": "Bearer " + key})
seconds = time.time() - started
peak = [line.split()[1] for line in open(f"/proc/{pid}/status") if line.startswith("VmHWM")][0]
print(f"run over {run['total']} open invoices: {run['done']} decided, {run['failed']} failed, in {seconds:.1f} s "
      f"= {run['done'] / seconds:.0f} invoices/s (decision, its effects and the outbox in one transaction each)")
print(f"actions: {json.dumps(run['actionsByType'], sort_keys=True)}")
print(f"service peak resident memory: {int(peak) // 1024} MiB")
