/**
 * Reading metadata XML files (`*.object-meta.xml`, `*.field-meta.xml`, `*.fieldSet-meta.xml`…) and the typed readers
 * of their elements, shared by the schema loader and the other metadata readers.
 */
import fs from 'node:fs';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** A metadata file the loader cannot read; the message names file and, where known, line. */
export class MetadataError extends Error {}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => name === 'value' || name === 'values' || name === 'referenceTo'
});

export type XmlNode = Record<string, unknown>;

/** Parses one metadata XML file and returns its root element's content. */
export function readMetadataXml(file: string, relative: string, rootTag: string): XmlNode {
  const text = fs.readFileSync(file, 'utf8');
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new MetadataError(`${relative}:${valid.err.line}: malformed XML: ${valid.err.msg}`);
  }
  const doc = parser.parse(text) as XmlNode;
  const root = doc[rootTag];
  if (root === undefined || root === null || typeof root !== 'object') {
    throw new MetadataError(`${relative}: expected a <${rootTag}> root element`);
  }
  return root as XmlNode;
}

export function str(node: XmlNode, key: string): string | undefined {
  const v = node[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'object') return undefined;
  return typeof v === 'string' ? v : JSON.stringify(v);
}

export function bool(node: XmlNode, key: string): boolean | undefined {
  const v = str(node, key);
  return v === undefined ? undefined : v === 'true';
}

export function int(node: XmlNode, key: string): number | undefined {
  const v = str(node, key);
  return v === undefined ? undefined : parseInt(v, 10);
}
