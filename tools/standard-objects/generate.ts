/**
 * Regenerates localorg/src/data/schema/standard-objects.json, the list of standard SObjects with their fields and
 * child relationships that localorg loads, from a published description of the platform's standard objects:
 * nawforce/runforce (BSD licence), which declares every standard SObject of API 55 as a Java class whose members are
 * the object's fields (`public String AccountNumber;`), relationships (`public Account Parent;`) and child
 * relationships (`public Contact[] Contacts;`). Only those facts are kept: names and Apex types, not the source.
 *
 *   npx tsx tools/standard-objects/generate.ts <runforce git dir> [commit]
 *
 * The git dir is a clone or a bare mirror; the commit defaults to HEAD and is recorded in the output.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SOBJECTS = 'src/main/java/com/nawforce/runforce/SObjects';
const OUT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../localorg/src/data/schema/standard-objects.json'
);

/** One member line: `\tpublic Type Name;` (static tokens and methods are skipped). */
const MEMBER = /^\tpublic (?!static )([A-Za-z0-9_$.]+(?:\[\])?) ([A-Za-z0-9_]+);\s*$/;

export interface GeneratedObject {
  /** `Name:ApexType` pairs separated by spaces; relationship members carry the parent object type. */
  fields: string;
  /** `RelationshipName:ChildObject` pairs separated by spaces. */
  children: string;
}

export function parseSObjectClass(text: string): GeneratedObject {
  const fields: string[] = [];
  const children: string[] = [];
  for (const line of text.split('\n')) {
    const m = MEMBER.exec(line);
    if (!m) continue;
    const [, type, name] = m;
    if (type.endsWith('[]')) children.push(`${name}:${type.slice(0, -2)}`);
    else fields.push(`${name}:${type}`);
  }
  return { fields: fields.join(' '), children: children.join(' ') };
}

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['--git-dir', dir, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

function main(argv: string[]): void {
  const [dir, rev = 'HEAD'] = argv;
  if (!dir) throw new Error('usage: generate.ts <runforce git dir> [commit]');
  const commit = git(dir, 'rev-parse', rev).trim();
  const files = git(dir, 'ls-tree', '--name-only', `${commit}:${SOBJECTS}`)
    .split('\n')
    .filter((f) => f.endsWith('.java'))
    .sort();
  const objects: Record<string, GeneratedObject> = {};
  for (const f of files)
    objects[f.replace(/\.java$/, '')] = parseSObjectClass(git(dir, 'show', `${commit}:${SOBJECTS}/${f}`));
  const out = {
    source: {
      repository: 'https://github.com/nawforce/runforce',
      commit,
      path: SOBJECTS,
      licence: 'BSD-3-Clause, Copyright (c) 2019 Kevin Jones',
      note: 'Field and child-relationship names with their Apex types only; regenerate with tools/standard-objects/generate.ts'
    },
    objects
  };
  fs.writeFileSync(OUT, JSON.stringify(out, null, 2) + '\n');
  process.stdout.write(`${files.length} objects from ${commit} written to ${path.relative(process.cwd(), OUT)}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
