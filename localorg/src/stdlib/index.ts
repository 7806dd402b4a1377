/**
 * Loads the whole standard library: the general-purpose families (stdlib-index.ts), the language-owned classes
 * (System, Assert, Test, Type, UserInfo) and the data platform's modules. Each module registers itself on import.
 */
import './stdlib-index.js';
import './system.js';
import './assert.js';
import './test.js';
import './type.js';
import './userinfo.js';
import './schema.js';
import './database.js';
import './sobject.js';
import './custommetadata.js';
import './limits.js';
import './metadata-deploy.js';
