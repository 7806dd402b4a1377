/**
 * Server figures for `npm run bench`: (1) booking batches of 200 changes posted by 50 concurrent clients to the
 * package's REST API, with a `--data` journal (requests/s and changes/s); (2) restart time for a journal of
 * LOCALORG_BENCH_JOURNAL_MB (default 1024) before and after compaction, and the compaction itself.
 * The journal is synthetic: 200-row transactions over a bounded set of Events rewritten again and again, the shape a
 * long-running org accumulates (bookings moved, reassigned, closed), so that compaction has something to fold.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { sampleBookingChange } from '../src/server/banner.js';
import { DataFolder } from '../src/server/data-folder.js';
import { GENESIS, JournalWriter } from '../src/server/journal.js';
import { startInWorker } from '../src/server/worker-host.js';
import { makeId } from '../src/values/ids.js';
import { ApexDatetime, ApexId, SObject } from '../src/values/values.js';

export interface ServeBenchRow {
  measure: string;
  value: string;
  detail: string;
}

const TOKEN = '00DLOCAL0000001!bench';

/** A progress line on stderr (the table goes to stdout at the end). */
const progress = (line: string): void => void process.stderr.write(`bench: ${line}\n`);

async function batchThroughput(root: string, rows: ServeBenchRow[], result: Record<string, unknown>): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'localorg-bench-'));
  progress('starting the server as `localorg serve` does (org in a worker thread, journal on)');
  const started = await startInWorker(
    {
      sources: [root],
      port: 0,
      host: '127.0.0.1',
      token: TOKEN,
      tokenGenerated: false,
      dataDir,
      seedFile: path.join(root, 'data', 'sample-plan.json')
    },
    { out: () => undefined, err: progress, lightning: false }
  );
  const clients = 50;
  const batchesPerClient = Number(process.env.LOCALORG_BENCH_BATCHES_PER_CLIENT ?? 2);
  let failed = 0;
  let answered = 0;
  const reasons = new Map<string, number>();
  const now = new Date();
  const t0 = performance.now();
  const ticker = setInterval(
    () =>
      progress(
        `bookings: ${answered}/${clients * batchesPerClient} batches answered in ${Math.round((performance.now() - t0) / 1000)} s`
      ),
    10_000
  );
  try {
    await Promise.all(
      Array.from({ length: clients }, async (_, c) => {
        for (let b = 0; b < batchesPerClient; b++) {
          const changes = Array.from({ length: 200 }, (_, i) => {
            const change = sampleBookingChange(now) as { id: string; booking: { uid: string } };
            change.id = `chg-${c}-${b}-${i}`;
            change.booking.uid = `bk-bench-${c}-${b}-${i}`;
            return change;
          });
          const res = await postJson(`${started.url}/services/apexrest/booking-sync/v1/bookings`, { changes });
          const body = res.body;
          answered++;
          const results = (body as { results?: { outcome: string; errors?: { code: string }[] }[] }).results ?? [];
          const bad = results.filter((r) => r.outcome === 'failed' || r.outcome === 'rejected');
          if (res.status !== 200 || bad.length > 0) {
            failed++;
            const why =
              res.status !== 200
                ? `HTTP ${res.status} ${JSON.stringify(body).slice(0, 120)}`
                : `${bad[0].outcome} ${bad[0].errors?.[0]?.code ?? ''}`;
            reasons.set(why, (reasons.get(why) ?? 0) + 1);
          }
        }
      })
    );
  } finally {
    clearInterval(ticker);
    await started.stop();
  }
  const seconds = (performance.now() - t0) / 1000;
  const requests = clients * batchesPerClient;
  rows.push({
    measure: 'bookings API, 200-change batches',
    value: `${(requests / seconds).toFixed(2)} requests/s`,
    detail: `${clients} clients x ${batchesPerClient} batches, ${Math.round((requests * 200) / seconds)} changes/s, journal on, ${failed} batch(es) not fully accepted${failed ? ` (${[...reasons].map(([r, n]) => `${n}x ${r}`).join('; ')})` : ''}`
  });
  result.batches = {
    clients,
    requests,
    changesPerRequest: 200,
    seconds: Math.round(seconds * 10) / 10,
    requestsPerSecond: Math.round((requests / seconds) * 100) / 100,
    notFullyAccepted: failed,
    reasons: Object.fromEntries(reasons)
  };
  fs.rmSync(dataDir, { recursive: true, force: true });
}

/**
 * POSTs with no response deadline. The org runs one transaction at a time, so the 50th client's batch waits for the 49
 * before it (minutes on a busy machine): fetch's 300 s headers timeout would count that designed queueing as a failure.
 */
function postJson(url: string, value: unknown): Promise<{ status: number; body: unknown }> {
  const payload = Buffer.from(JSON.stringify(value), 'utf8');
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${TOKEN}`,
          'Content-Type': 'application/json',
          'Content-Length': payload.length
        }
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {
            // not JSON: reported as is
          }
          resolve({ status: res.statusCode ?? 0, body });
        });
        res.on('error', reject);
      }
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** Writes a journal of about `bytes` through the real writer (checksums and all). */
function writeJournal(dir: string, bytes: number, distinct: number): number {
  const writer = new JournalWriter(path.join(dir, 'journal.jsonl'), 0, GENESIS);
  let n = 0;
  const start = Date.UTC(2026, 0, 1);
  let shown = 0;
  while (writer.size < bytes) {
    if (writer.size - shown >= 128 * 1024 * 1024) {
      shown = writer.size;
      progress(`journal: written ${Math.round(shown / 1024 / 1024)} of ${Math.round(bytes / 1024 / 1024)} MB`);
    }
    const changes = Array.from({ length: 200 }, () => {
      const k = n++ % distinct;
      const e = new SObject('Event');
      e.set('Id', new ApexId(makeId('00U', 1 + k)));
      e.set('Subject', `Intro call ${k} (rev ${Math.floor(n / distinct)})`);
      e.set('StartDateTime', new ApexDatetime(start + (n % 5000) * 3600_000));
      e.set('EndDateTime', new ApexDatetime(start + (n % 5000) * 3600_000 + 1800_000));
      e.set('Description', 'Booked through the bench journal; moved and reassigned over the years. '.repeat(3));
      return { sobjectType: 'Event', id: e.get('Id') instanceof ApexId ? (e.get('Id') as ApexId).value : '', after: e };
    });
    writer.append('POST /services/apexrest/booking-sync/v1/bookings', changes);
  }
  writer.close();
  return n;
}

function timedOpen(dir: string): { ms: number; entries: number; snapshotRows: number; rows: number } {
  const t = performance.now();
  let rows = 0;
  const { folder, report } = DataFolder.open(dir, (changes) => (rows += changes.length), {
    compactAtBytes: Number.MAX_SAFE_INTEGER
  });
  folder.close();
  return { ms: performance.now() - t, entries: report.entries, snapshotRows: report.snapshotRows, rows };
}

function restartVsJournal(rows: ServeBenchRow[], result: Record<string, unknown>): void {
  const mb = Number(process.env.LOCALORG_BENCH_JOURNAL_MB ?? 1024);
  const distinct = 50_000;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'localorg-bench-journal-'));
  try {
    const w0 = performance.now();
    const changes = writeJournal(dir, mb * 1024 * 1024, distinct);
    const writeMs = performance.now() - w0;
    const size = fs.statSync(path.join(dir, 'journal.jsonl')).size;
    progress('journal: restarting on the full journal');
    const before = timedOpen(dir);
    progress(`journal: restarted in ${(before.ms / 1000).toFixed(1)} s; compacting`);
    const c0 = performance.now();
    const { folder } = DataFolder.open(dir, () => undefined, { compactAtBytes: Number.MAX_SAFE_INTEGER });
    const compacted = folder.compact();
    folder.close();
    const compactMs = performance.now() - c0;
    const snapSize = fs.statSync(path.join(dir, 'snapshot.jsonl')).size;
    progress('journal: restarting after compaction');
    const after = timedOpen(dir);
    const mbOf = (b: number): string => `${(b / 1024 / 1024).toFixed(0)} MB`;
    rows.push({
      measure: `restart, ${mbOf(size)} journal`,
      value: `${(before.ms / 1000).toFixed(1)} s`,
      detail: `${before.entries} transactions, ${before.rows} row changes replayed (streamed, checksums verified; written in ${(writeMs / 1000).toFixed(0)} s)`
    });
    rows.push({
      measure: 'compaction',
      value: `${(compactMs / 1000).toFixed(1)} s`,
      detail: `${changes} row changes over ${distinct} Events folded into a ${mbOf(snapSize)} snapshot of ${compacted.rows} rows (includes its own open)`
    });
    rows.push({
      measure: 'restart after compaction',
      value: `${(after.ms / 1000).toFixed(1)} s`,
      detail: `${(before.ms / Math.max(after.ms, 1)).toFixed(1)}x faster than before compaction (${(before.ms / 1000).toFixed(1)} s); ${after.snapshotRows} snapshot rows, ${after.entries} journal entries`
    });
    result.journal = {
      journalBytes: size,
      rowChanges: changes,
      distinctRows: distinct,
      restartBeforeMs: Math.round(before.ms),
      compactMs: Math.round(compactMs),
      snapshotBytes: snapSize,
      restartAfterMs: Math.round(after.ms),
      restartSpeedup: Math.round((before.ms / Math.max(after.ms, 1)) * 10) / 10
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function serveBench(root: string, rows: ServeBenchRow[], result: Record<string, unknown>): Promise<void> {
  if (process.env.LOCALORG_BENCH_SKIP_BATCHES !== '1') await batchThroughput(root, rows, result);
  restartVsJournal(rows, result);
}
