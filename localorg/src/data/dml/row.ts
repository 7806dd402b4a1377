/** One record's progress through a DML statement: the caller's record, the working copy triggers see, its errors. */
import type { DmlError } from '../../runtime/data-platform.js';
import type { ApexId, SObject } from '../../values/values.js';

export interface Row {
  index: number;
  caller: SObject;
  /** The record triggers see as Trigger.new and that is saved (the caller's own object on insert). */
  work: SObject;
  old: SObject | null;
  errors: DmlError[];
  id: ApexId | null;
  created: boolean;
  kind: 'insert' | 'update' | 'delete' | 'undelete';
  /** DMLOptions.allowFieldTruncation: over-long text is cut to length rather than failing. */
  truncate: boolean;
}
