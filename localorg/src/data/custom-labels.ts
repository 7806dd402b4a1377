/**
 * The project's custom labels: `labels/*.labels-meta.xml` (fullName, value, language, protected) and their
 * translations from `translations/<language>.translation-meta.xml` (`<customLabels><name>` and `<label>`), as Apex reads
 * them through `System.Label`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { SourceFile } from '../syntax/sources.js';

export interface CustomLabel {
  name: string;
  value: string;
  /** The label's own language (`en_US`). */
  language: string;
  isProtected: boolean;
  /** Translated values by language code as the translation file names it (`fr`, `de`, `pt_BR`). */
  translations: Map<string, string>;
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function xmlText(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|apos|#(\d+)|#x([0-9a-f]+));/gi, (m, name: string, dec?: string, hex?: string) =>
    dec ? String.fromCodePoint(Number(dec)) : hex ? String.fromCodePoint(parseInt(hex, 16)) : (XML_ENTITIES[name] ?? m)
  );
}

const tag = (xml: string, name: string) => {
  const m = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xml);
  return m ? xmlText(m[1]) : null;
};

export class CustomLabels {
  private readonly byName = new Map<string, CustomLabel>();

  constructor(labels: CustomLabel[]) {
    for (const l of labels) this.byName.set(l.name.toLowerCase(), l);
  }

  /** The label named (any case), or undefined. */
  get(name: string): CustomLabel | undefined {
    return this.byName.get(name.toLowerCase());
  }

  /** The label's text in `language` when translated into it (`fr_FR` falls back to `fr`), else its own value. */
  valueIn(label: CustomLabel, language: string | null): string {
    return (language && translation(label, language)) ?? label.value;
  }

  /** Whether the label is written in `language`: its own language or a translation. */
  hasLanguage(label: CustomLabel, language: string): boolean {
    const own = label.language.toLowerCase();
    const want = language.toLowerCase();
    return own === want || own.split('_')[0] === want || translation(label, language) !== undefined;
  }
}

function translation(label: CustomLabel, language: string): string | undefined {
  const want = language.toLowerCase();
  for (const [lang, text] of label.translations) if (lang.toLowerCase() === want) return text;
  const base = want.split('_')[0];
  for (const [lang, text] of label.translations) if (lang.toLowerCase() === base) return text;
  return undefined;
}

/** The labels and translations among the project's other files. */
export function loadCustomLabels(files: SourceFile[]): CustomLabels {
  const labels: CustomLabel[] = [];
  for (const file of files) {
    if (!file.path.endsWith('.labels-meta.xml')) continue;
    const xml = fs.readFileSync(file.path, 'utf8');
    for (const [, body] of xml.matchAll(/<labels>([\s\S]*?)<\/labels>/g)) {
      const name = tag(body, 'fullName');
      if (!name) continue;
      labels.push({
        name,
        value: tag(body, 'value') ?? '',
        language: tag(body, 'language') ?? 'en_US',
        isProtected: tag(body, 'protected') === 'true',
        translations: new Map()
      });
    }
  }
  const byName = new Map(labels.map((l) => [l.name.toLowerCase(), l]));
  for (const file of files) {
    const base = path.basename(file.path);
    if (!base.endsWith('.translation-meta.xml')) continue;
    const language = base.slice(0, -'.translation-meta.xml'.length);
    const xml = fs.readFileSync(file.path, 'utf8');
    for (const [, body] of xml.matchAll(/<customLabels>([\s\S]*?)<\/customLabels>/g)) {
      const label = byName.get((tag(body, 'name') ?? '').toLowerCase());
      const text = tag(body, 'label');
      if (label && text !== null) label.translations.set(language, text);
    }
  }
  return new CustomLabels(labels);
}
