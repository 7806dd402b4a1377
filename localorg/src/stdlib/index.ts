/**
 * The whole standard library: the general-purpose families (stdlib-index.ts), the language-owned classes (System,
 * Assert, Test, Type, UserInfo) and the data platform's modules. Importing it registers nothing; the composition root
 * calls {@link standardLibrary} and passes the result to the interpreter.
 */
import { NativeLibrary } from '../runtime/natives.js';
import { natives as assert } from './assert.js';
import { natives as asyncApex } from './async-apex.js';
import { natives as batchApex } from './batch-apex.js';
import { natives as custommetadata } from './custommetadata.js';
import { DATA_ORG, type StdlibOrg } from './data-org.js';
import { natives as database } from './database.js';
import { natives as dmlOptions } from './dml-options.js';
import { natives as eventbus } from './eventbus.js';
import { natives as invocable } from './invocable.js';
import { natives as label } from './label.js';
import { natives as limits } from './limits.js';
import { natives as metadataDeploy } from './metadata-deploy.js';
import { natives as offline } from './offline.js';
import { natives as operationResults } from './operation-results.js';
import { natives as pages } from './pages.js';
import { natives as platformCache } from './platform-cache.js';
import { natives as requestContext } from './request-context.js';
import { natives as schema } from './schema.js';
import { natives as schemaFieldSets } from './schema-field-sets.js';
import { natives as schemaFields } from './schema-fields.js';
import { natives as search } from './search.js';
import { natives as security } from './security.js';
import { natives as sobject } from './sobject.js';
import { generalPurposeNatives } from './stdlib-index.js';
import { natives as system } from './system.js';
import { natives as test } from './test.js';
import { natives as type } from './type.js';
import { natives as userinfo } from './userinfo.js';

/**
 * A fresh library holding every native class and enum localorg emulates, given the org its data-facing natives read
 * (describe, custom metadata, labels…); without one, those natives fail and the rest works.
 */
export function standardLibrary(org?: StdlibOrg): NativeLibrary {
  const library = new NativeLibrary([
    ...generalPurposeNatives,
    system,
    asyncApex,
    batchApex,
    assert,
    test,
    type,
    userinfo,
    schema,
    schemaFields,
    schemaFieldSets,
    security,
    database,
    operationResults,
    dmlOptions,
    search,
    eventbus,
    invocable,
    sobject,
    custommetadata,
    limits,
    metadataDeploy,
    platformCache,
    label,
    requestContext,
    pages,
    offline
  ]);
  return org ? library.provide(DATA_ORG, org) : library;
}
