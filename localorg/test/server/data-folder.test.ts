import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { makeId } from '../../src/values/ids.js';
import { ApexId, SObject } from '../../src/values/values.js';
import { compactDataFolder, DataFolder, type OpenDataOptions } from '../../src/server/data-folder.js';
import { acquireLock, LOCK_FILE, LockHeldError } from '../../src/server/data-lock.js';
import { JOURNAL_FILE, JournalError } from '../../src/server/journal.js';
import { forEachLine } from '../../src/server/line-reader.js';
import type { CommittedChange } from '../../src/server/runtime-seams.js';
import { SNAPSHOT_FILE } from '../../src/server/snapshot.js';
import { CLI } from './child-server.js';
import { call, startTestServer } from './helpers.js';

const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'localorg-data-'));

function account(n: number, name: string): SObject {
  const a = new SObject('Account');
  a.set('Id', new ApexId(makeId('001', 900000 + n)));
  a.set('Name', name);
  return a;
}
const put = (n: number, name: string): CommittedChange => ({
  sobjectType: 'Account',
  id: makeId('001', 900000 + n),
  after: account(n, name)
});
const del = (n: number): CommittedChange => ({ sobjectType: 'Account', id: makeId('001', 900000 + n), after: null });

/** Opens the folder and returns the org state replay produced (id → Name, deleted ids absent). */
function open(dir: string, options: OpenDataOptions = {}) {
  const state = new Map<string, string>();
  const opened = DataFolder.open(
    dir,
    (changes) => {
      for (const c of changes) {
        if (c.after) state.set(c.id, c.after.get('Name') as string);
        else state.delete(c.id);
      }
    },
    options
  );
  return { ...opened, state };
}

/** A folder with three transactions: One, Two, then One renamed. */
function threeEntries(): string {
  const dir = tmp();
  const { folder } = open(dir);
  folder.append('POST /a', [put(1, 'One')]);
  folder.append('POST /b', [put(2, 'Two')]);
  folder.append('PATCH /c', [put(1, 'One renamed')]);
  folder.close();
  return dir;
}
const journalLines = (dir: string): string[] =>
  fs.readFileSync(path.join(dir, JOURNAL_FILE), 'utf8').split('\n').filter(Boolean);
const writeLines = (dir: string, lines: string[]): void =>
  fs.writeFileSync(path.join(dir, JOURNAL_FILE), lines.map((l) => l + '\n').join(''));

test('appended transactions replay in order into the org', () => {
  const dir = threeEntries();
  const { folder, report, state } = open(dir);
  folder.close();
  assert.equal(report.entries, 3);
  assert.deepEqual([...state.values()], ['One renamed', 'Two']);
});

test('every record carries seq, prev and a sha256 sum chained to the one before', () => {
  const dir = threeEntries();
  const entries = journalLines(dir).map((l) => JSON.parse(l) as { seq: number; prev: string; sum: string });
  assert.deepEqual(
    entries.map((e) => e.seq),
    [1, 2, 3]
  );
  assert.equal(entries[0].prev, '0'.repeat(64));
  assert.equal(entries[1].prev, entries[0].sum);
  assert.equal(entries[2].prev, entries[1].sum);
  assert.match(entries[2].sum, /^[0-9a-f]{64}$/);
});

const refusal = (dir: string, line: number, what: RegExp) => (e: unknown) =>
  e instanceof JournalError &&
  e.message.startsWith(`${path.join(dir, JOURNAL_FILE)}:${line}: `) &&
  what.test(e.message) &&
  /start again with --repair/.test(e.message);

test('a deleted middle line stops the start at file:line (sequence gap)', () => {
  const dir = threeEntries();
  const [a, , c] = journalLines(dir);
  writeLines(dir, [a, c]);
  assert.throws(() => open(dir), refusal(dir, 2, /sequence gap: expected seq 2, found 3/));
});

test('an edited value stops the start at file:line (checksum mismatch)', () => {
  const dir = threeEntries();
  const lines = journalLines(dir);
  lines[1] = lines[1].replace('"Two"', '"Tw0"');
  writeLines(dir, lines);
  assert.throws(() => open(dir), refusal(dir, 2, /checksum mismatch/));
});

test('reordered lines stop the start at file:line', () => {
  const dir = threeEntries();
  const [a, b, c] = journalLines(dir);
  writeLines(dir, [a, c, b]);
  assert.throws(() => open(dir), refusal(dir, 2, /out of order|gap/));
});

test('a line swapped in from another journal with the right seq breaks the chain', () => {
  const dir = threeEntries();
  const other = tmp();
  const o = open(other).folder;
  o.append('x', [put(7, 'Seven')]);
  o.append('y', [put(8, 'Eight')]);
  o.close();
  const lines = journalLines(dir);
  lines[1] = journalLines(other)[1];
  writeLines(dir, lines);
  assert.throws(() => open(dir), refusal(dir, 2, /chain broken/));
});

test('--repair keeps the valid prefix, sets the rest aside in a named file, and the folder serves on', () => {
  const dir = threeEntries();
  const lines = journalLines(dir);
  lines[1] = lines[1].replace('"Two"', '"Tw0"');
  writeLines(dir, lines);
  const { folder, report, state } = open(dir, { repair: true, now: () => new Date('2026-11-30T20:00:00Z') });
  const aside = path.join(dir, `${JOURNAL_FILE}.dropped-2026-11-30T20-00-00-000Z`);
  assert.deepEqual([...state.values()], ['One']);
  assert.equal(report.notes.length, 1);
  assert.match(
    report.notes[0],
    /kept 1 valid entry \(through seq 1\); dropped 2 line\(s\) from journal\.jsonl:2 on \(checksum mismatch/
  );
  assert.ok(report.notes[0].includes(aside));
  assert.equal(fs.readFileSync(aside, 'utf8'), lines.slice(1).join('\n') + '\n');
  folder.append('POST /d', [put(4, 'Four')]);
  folder.close();
  const again = open(dir);
  again.folder.close();
  assert.deepEqual([...again.state.values()], ['One', 'Four']);
});

test('a torn last line is cut off and later appends stay readable', () => {
  const dir = threeEntries();
  fs.appendFileSync(path.join(dir, JOURNAL_FILE), '{"seq":4,"at":"2026-01-01T00:00:00Z","label":"POST /b","chan');
  const first = open(dir);
  assert.match(first.report.notes.join('\n'), /ignored a torn last line/);
  first.folder.append('POST /e', [put(5, 'Five')]);
  first.folder.close();
  const again = open(dir);
  again.folder.close();
  assert.deepEqual([...again.state.values()], ['One renamed', 'Two', 'Five']);
});

test('a journal written before checksums is accepted and sealed into a snapshot', () => {
  const dir = tmp();
  const legacy = [
    {
      seq: 1,
      at: 'x',
      label: 'seed plan.json sha256:1',
      changes: [{ type: 'Account', id: put(1, '').id, after: null }]
    },
    { seq: 2, at: 'x', label: 'POST /a', changes: [] }
  ];
  writeLines(
    dir,
    legacy.map((e) => JSON.stringify(e))
  );
  const { folder, report } = open(dir);
  folder.close();
  assert.match(report.notes.join('\n'), /sealed 2 entries written before checksums/);
  assert.ok(report.seeds.has('seed plan.json sha256:1'));
  assert.equal(fs.readFileSync(path.join(dir, JOURNAL_FILE), 'utf8'), '');
  const again = open(dir);
  again.folder.close();
  assert.ok(again.report.seeds.has('seed plan.json sha256:1'));
});

test('the folder is private: 0700 folder, 0600 files, even when it existed world-readable', () => {
  const dir = tmp();
  fs.chmodSync(dir, 0o755);
  fs.writeFileSync(path.join(dir, JOURNAL_FILE), '', { mode: 0o644 });
  const { folder } = open(dir);
  folder.append('POST /a', [put(1, 'One')]);
  assert.equal(fs.statSync(dir).mode & 0o777, 0o700);
  for (const f of fs.readdirSync(dir)) assert.equal(fs.statSync(path.join(dir, f)).mode & 0o777, 0o600, f);
  folder.compact();
  for (const f of fs.readdirSync(dir)) assert.equal(fs.statSync(path.join(dir, f)).mode & 0o777, 0o600, f);
  folder.close();
});

test('a second opener is refused with the holder pid; a lock left by a dead process is taken over', () => {
  const dir = threeEntries();
  const { folder } = open(dir);
  assert.throws(
    () => open(dir),
    (e: unknown) => e instanceof LockHeldError && e.message.includes(`pid ${process.pid}`)
  );
  folder.close();
  assert.equal(fs.existsSync(path.join(dir, LOCK_FILE)), false);
  // A pid that cannot be alive: the lock of a process killed with -9.
  fs.writeFileSync(path.join(dir, LOCK_FILE), '2147483646\n');
  const taken = open(dir);
  assert.equal(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8').trim(), String(process.pid));
  taken.folder.close();
  const other = acquireLock(dir, 12345, () => false);
  assert.throws(() => acquireLock(dir, 999, (pid) => pid === 12345), /in use by another localorg \(pid 12345\)/);
  other.release();
});

test("a second server on one folder refuses naming the first one's pid, and the first keeps its data", async () => {
  const dir = tmp();
  const first = spawn(
    process.execPath,
    [CLI, 'serve', '--port', '0', '--data', dir, '--no-run-file', '--source', tmp()],
    {
      stdio: ['ignore', 'pipe', 'pipe']
    }
  );
  try {
    let out = '';
    await new Promise<void>((resolve, reject) => {
      first.stdout.on('data', (b: Buffer) => {
        out += b.toString();
        if (out.includes('listening on')) resolve();
      });
      first.once('exit', () => reject(new Error(out)));
    });
    const second = spawnSync(
      process.execPath,
      [CLI, 'serve', '--port', '0', '--data', dir, '--no-run-file', '--source', tmp()],
      {
        encoding: 'utf8',
        timeout: 60_000
      }
    );
    assert.equal(second.status, 1, second.stdout + second.stderr);
    assert.match(second.stderr, new RegExp(`in use by another localorg \\(pid ${first.pid}\\)`));
    const compact = spawnSync(process.execPath, [CLI, 'compact', '--data', dir], { encoding: 'utf8', timeout: 60_000 });
    assert.notEqual(compact.status, 0);
    assert.match(compact.stderr, new RegExp(`pid ${first.pid}`));
  } finally {
    first.kill('SIGTERM');
    await new Promise((r) => first.once('exit', r));
  }
  assert.equal(fs.existsSync(path.join(dir, LOCK_FILE)), false, 'lock released on SIGTERM');
});

test('compaction keeps the org as it was: latest rows, deletions of rows it never created, seed labels', () => {
  const dir = tmp();
  const { folder } = open(dir);
  folder.append('seed plan.json sha256:abc', [put(1, 'One'), put(2, 'Two'), put(3, 'Three')]);
  folder.append('PATCH /x', [put(1, 'One v2')]);
  folder.append('DELETE /y', [del(2), del(99)]);
  const r = folder.compact();
  assert.equal(r.seq, 3);
  assert.equal(fs.statSync(path.join(dir, JOURNAL_FILE)).size, 0);
  folder.append('POST /z', [put(4, 'Four')]);
  folder.close();
  const again = open(dir);
  again.folder.close();
  assert.deepEqual(
    [...again.state.entries()].sort(),
    [
      [makeId('001', 900001), 'One v2'],
      [makeId('001', 900003), 'Three'],
      [makeId('001', 900004), 'Four']
    ].sort()
  );
  assert.ok(again.report.seeds.has('seed plan.json sha256:abc'));
  assert.equal(again.report.snapshotRows, 4); // three rows and a tombstone for 99
});

test('a crash after the snapshot is renamed but before the journal is reset replays each change once', () => {
  const dir = threeEntries();
  const journalBefore = fs.readFileSync(path.join(dir, JOURNAL_FILE));
  assert.equal(compactDataFolder(dir).seq, 3);
  fs.writeFileSync(path.join(dir, JOURNAL_FILE), journalBefore); // as if the reset never happened
  const { folder, report, state } = open(dir);
  assert.equal(report.entries, 0);
  folder.append('POST /n', [put(6, 'Six')]);
  folder.close();
  const again = open(dir);
  again.folder.close();
  assert.deepEqual([...again.state.values()].sort(), ['One renamed', 'Six', 'Two']);
  assert.deepEqual([...state.values()].sort(), ['One renamed', 'Two']);
});

test('an edited snapshot stops the start at file:line', () => {
  const dir = threeEntries();
  compactDataFolder(dir);
  const file = path.join(dir, SNAPSHOT_FILE);
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"Two"', '"Tw0"'));
  assert.throws(() => open(dir), /snapshot\.jsonl:\d+: snapshot checksum mismatch/);
});

test('lines are streamed in chunks: a line longer than a chunk and many lines come back whole', () => {
  const dir = tmp();
  const file = path.join(dir, 'f');
  const long = 'x'.repeat(9 * 1024 * 1024);
  fs.writeFileSync(file, `a\n${long}\nb\ntorn`);
  const seen: [number, number, number][] = [];
  const torn = forEachLine(file, (l) => seen.push([l.number, l.text.length, l.offset]));
  assert.deepEqual(seen, [
    [1, 1, 0],
    [2, long.length, 2],
    [3, 1, long.length + 3]
  ]);
  assert.deepEqual(torn, { offset: long.length + 5, bytes: 4 });
});

test('the server compacts automatically past the size, between transactions, and keeps every row', async () => {
  const dir = tmp();
  const { folder } = open(dir, { compactAtBytes: 2000 });
  const lines: string[] = [];
  const s = await startTestServer({ journal: folder, log: (l) => lines.push(l) });
  try {
    for (let i = 0; i < 30; i++) {
      const r = await call(s.url, '/services/data/v62.0/sobjects/Account', {
        method: 'POST',
        body: { Name: `Acc ${i}` }
      });
      assert.equal(r.status, 201);
    }
  } finally {
    await s.close();
    folder.close();
  }
  assert.ok(
    lines.some((l) => /journal: compacted \d+ KB into a snapshot/.test(l)),
    lines.join('\n')
  );
  assert.ok(fs.existsSync(path.join(dir, SNAPSHOT_FILE)));
  const again = open(dir);
  again.folder.close();
  assert.equal(again.state.size, 30);
});
