import type { Connection, Org } from '@salesforce/core';
import type { AuthStore, ResolvedOrg } from './auth.js';
import type { Deployer } from './deploy.js';
import type { ApexTestRunner } from './apex-tests.js';
import type { PackagingClient } from './packaging.js';

/** An open, authenticated org. Tests hand in objects with only the members a service touches. */
export type OrgSession = { username: string; org: Org; connection: Connection };

export type ScratchRequest = {
  orgConfig: Record<string, unknown>;
  alias: string;
  durationDays: number;
  waitMinutes: number;
  setDefault: boolean;
};

export type ScratchCreated = {
  username: string;
  orgId: string | undefined;
  loginUrl: string | undefined;
  expirationDate: string | undefined;
  warnings: string[];
};

export interface ScratchOrgs {
  create(hub: OrgSession, request: ScratchRequest, onStage: (stage: string) => void): Promise<ScratchCreated>;
  /** Deletes the scratch org at the Dev Hub and forgets its local auth and alias. */
  delete(target: ResolvedOrg): Promise<void>;
}

export type PermissionSetResult = { name: string; status: 'assigned' | 'already assigned' };

export interface OrgTools {
  /** `npm run build`: compiles the LWC TypeScript in place so the deploy carries the generated JavaScript. */
  runBuild(projectDir: string): Promise<void>;
  assignPermissionSets(session: OrgSession, names: string[]): Promise<PermissionSetResult[]>;
  /** `sf data import tree --plan …`; returns the records created, per object */
  importData(projectDir: string, planFile: string, username: string): Promise<{ sobject: string; count: number }[]>;
}

/** Every outside capability the scripts use; `real-deps.ts` wires the libraries, tests wire stubs. */
export type Deps = {
  authStore(projectDir: string): Promise<AuthStore>;
  connect(target: ResolvedOrg, apiVersion?: string): Promise<OrgSession>;
  scratchOrgs: ScratchOrgs;
  deployer: Deployer;
  tools: OrgTools;
  testRunner: ApexTestRunner;
  packaging: PackagingClient;
};
