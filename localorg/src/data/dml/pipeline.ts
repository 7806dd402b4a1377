import type { SObject } from '../../runtime/values.js';
import type { OrgContext } from '../org.js';
import type { DmlOperation, DmlOptions, DmlRowResult } from '../platform.js';
import { UnsupportedFeatureError } from '../../stdlib/registry.js';

export function runDml(_org: OrgContext, op: DmlOperation, _records: SObject[], _options: DmlOptions): DmlRowResult[] {
  throw new UnsupportedFeatureError(`DML ${op} is being built (data platform skeleton)`);
}
