// The registry: adding a resource is one line here. Order matters only for services that
// depend on others (a module may use the services of modules listed before it).
import type { Module } from '../core/context.js';
import { usersModule } from './users/users.routes.js';
import { customerGroupsModule } from './customer-groups/customer-groups.routes.js';
import { customersModule } from './customers/customers.routes.js';
import { keywordsModule } from './keywords/keywords.routes.js';
import { segmentsModule } from './segments/segments.routes.js';
import { teamsModule } from './teams/teams.routes.js';
import { additionalCostsModule } from './additional-costs/additional-costs.routes.js';
import { equipmentCategoriesModule } from './equipment-categories/equipment-categories.routes.js';
import { equipmentsModule } from './equipments/equipments.routes.js';
import { expenseTypesModule } from './expense-types/expense-types.routes.js';
import { expensesModule } from './expenses/expenses.routes.js';
import { productCategoriesModule } from './product-categories/product-categories.routes.js';
import { productsModule } from './products/products.routes.js';
import { questionnairesModule } from './questionnaires/questionnaires.routes.js';
import { servicesModule } from './services/services.routes.js';
import { taskTypesModule } from './task-types/task-types.routes.js';
import { projectsModule } from './projects/projects.routes.js';
import { quotationsModule } from './quotations/quotations.routes.js';
import { ticketsModule } from './tickets/tickets.routes.js';
import { gpsModule } from './gps/gps.routes.js';
import { satisfactionSurveysModule } from './satisfaction-surveys/satisfaction-surveys.routes.js';
import { tasksModule } from './tasks/tasks.routes.js';
import { financialModule } from './financial/financial.routes.js';
import { webhooksModule } from './webhooks/webhooks.routes.js';

export const modules: Module[] = [
  usersModule as Module,
  // Customers, groups, teams, segments, keywords (issue 3)
  segmentsModule as Module,
  keywordsModule as Module,
  teamsModule as Module,
  customerGroupsModule as Module,
  customersModule as Module,
  // Catalog (issue 4)
  taskTypesModule as Module,
  questionnairesModule as Module,
  expenseTypesModule as Module,
  expensesModule as Module,
  equipmentCategoriesModule as Module,
  equipmentsModule as Module,
  productCategoriesModule as Module,
  productsModule as Module,
  servicesModule as Module,
  additionalCostsModule as Module,
  // Tasks, GPS, satisfaction surveys (issue 5)
  gpsModule as Module,
  satisfactionSurveysModule as Module,
  tasksModule as Module,
  // Quotations, tickets, projects (issue 6)
  quotationsModule as Module,
  ticketsModule as Module,
  projectsModule as Module,
  // Financial: categories, payment methods, invoices (from tasks and service orders), receivables
  financialModule as Module,
  // Webhooks (issue 7): last, so its service sees every other one.
  webhooksModule as Module,
];
