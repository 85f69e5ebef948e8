// The registry: adding a resource is one line here. Order matters only for services that
// depend on others (a module may use the services of modules listed before it).
import type { Module } from '../core/context.js';
import { usersModule } from './users/users.routes.js';

export const modules: Module[] = [usersModule as Module];
