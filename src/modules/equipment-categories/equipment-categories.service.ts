import type { ServiceDeps } from '../../core/context.js';
import { CategoryService } from '../shared/category.service.js';
import { EquipmentCategoryFilter, EquipmentCategoryPatchable } from './equipment-categories.schema.js';

export { upsertedForm, writtenForm } from '../shared/category.service.js';

declare module '../../core/context.js' {
  interface Services {
    equipmentCategories: EquipmentCategoriesService;
  }
}

export const EQUIPMENT_CATEGORY_ENTITY = 'EquipmentCategory';

export class EquipmentCategoriesService extends CategoryService {
  constructor(deps: ServiceDeps) {
    super(deps, {
      table: 'equipment_categories',
      entity: EQUIPMENT_CATEGORY_ENTITY,
      filter: EquipmentCategoryFilter,
      filterName: 'ParamEquipmentCategoryFilter',
      patchable: EquipmentCategoryPatchable,
    });
  }
}
