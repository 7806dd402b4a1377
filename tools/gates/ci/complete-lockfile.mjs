// Adds lockfile entries for optional platform packages that the lockfile's own packages declare but that are absent
// from it (rollup's @rollup/rollup-<os>-<cpu>[-<abi>] binaries). The registry reachable from our machines serves
// only the linux-x64 builds, so `npm install` leaves the others out of package-lock.json, and `npm ci` then refuses
// the lockfile as "not in sync" on every fresh clone. Each added entry mirrors the linux-x64 one (same version,
// os/cpu/libc so npm skips it on other platforms); it has no integrity hash because that registry cannot serve the
// tarball — npm fetches it by name and version on the platform that needs it.
// Usage: node tools/gates/ci/complete-lockfile.mjs [package-lock.json]   (prints what it added; idempotent)
import { readFileSync, writeFileSync } from 'node:fs';

const file = process.argv[2] ?? 'package-lock.json';
const lock = JSON.parse(readFileSync(file, 'utf8'));
const packages = lock.packages;
const added = [];
for (const [key, entry] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const m = /^@rollup\/rollup-([a-z0-9]+)-([a-z0-9]+)(?:-([a-z]+))?$/.exec(name);
    if (!m) continue;
    const nested = key ? `${key}/node_modules/${name}` : `node_modules/${name}`;
    if (packages[nested] || packages[`node_modules/${name}`]) continue;
    const [, os, cpu, abi] = m;
    const libc =
      abi === 'gnu' || abi === 'gnueabihf' ? ['glibc'] : abi === 'musl' || abi === 'musleabihf' ? ['musl'] : undefined;
    packages[`node_modules/${name}`] = {
      version,
      cpu: [cpu],
      dev: entry.dev,
      ...(libc ? { libc } : {}),
      license: 'MIT',
      optional: true,
      os: [os],
      peer: entry.peer
    };
    added.push(`${name}@${version}`);
  }
}
lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b)))
);
writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
console.log(added.length ? `added ${added.length} entries: ${added.join(', ')}` : 'nothing to add');
