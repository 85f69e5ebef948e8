import type { ServiceDeps } from '../../core/context.js';
import { CategoryService } from '../shared/category.service.js';
import { ProductCategoryFilter, ProductCategoryPatchable } from './product-categories.schema.js';

export { upsertedForm, writtenForm } from '../shared/category.service.js';

declare module '../../core/context.js' {
  interface Services {
    productCategories: ProductCategoriesService;
  }
}

export const PRODUCT_CATEGORY_ENTITY = 'ProductCategory';

export class ProductCategoriesService extends CategoryService {
  constructor(deps: ServiceDeps) {
    super(deps, {
      table: 'product_categories',
      entity: PRODUCT_CATEGORY_ENTITY,
      filter: ProductCategoryFilter,
      filterName: 'ParamProductCategoryFilter',
      patchable: ProductCategoryPatchable,
    });
  }
}
