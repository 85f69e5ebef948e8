import type { Module, ModuleContext } from '../../core/context.js';
import { IdParams, parseId, withStatus } from '../../core/http.js';
import { listResult } from '../../core/listing.js';
import { ListEnvelope, ListQuery } from '../../core/schemas.js';
import { JsonPatchBody } from '../users/users.schema.js';
import {
  ProductCategory,
  ProductCategoryCreate,
  ProductCategoryUpsert,
  ProductCategoryUpserted,
  ProductCategoryWritten,
  productCategoryExample,
} from './product-categories.schema.js';
import { ProductCategoriesService, upsertedForm, writtenForm } from './product-categories.service.js';

const tags = ['Product categories'];
const UPSERT_EXTENSION = false;

/** The documented list example: one item, page 1 of 2. */
function listExample<T>(item: T, resource: string) {
  const href = (page: number) => `https://api.auvo.com.br/v2/${resource}?Page=${page}&PageSize=1&Order=Asc`;
  return {
    entityList: [item],
    pagedSearchReturnData: { order: 0, pageSize: 1, page: 1, totalItems: 2 },
    links: [
      { href: href(1), rel: 'self', method: 'GET' },
      { href: href(2), rel: 'nextPage', method: 'GET' },
    ],
  };
}

export function registerProductCategoryRoutes({ route, services }: ModuleContext): void {
  const svc = services.productCategories;

  route({
    method: 'GET',
    url: '/v2/productCategories/:id',
    operationId: 'getProductCategory',
    tags,
    summary: 'Retrieve a product category',
    description: "The product category with this id in the token's account; 404 with an empty body when there is none.",
    params: IdParams,
    response: ProductCategory,
    example: productCategoryExample,
    handler: async ({ auth, params }) => svc.get(auth, parseId(params.id)),
  });

  route({
    method: 'GET',
    url: '/v2/productCategories',
    operationId: 'listProductCategories',
    tags,
    summary: 'Retrieve a list of product categories',
    description: 'paramFilter keys (optional): id, description (contains, any case), externalId (exact). Order is by id.',
    querystring: ListQuery,
    list: true,
    example: listExample(writtenForm(productCategoryExample), 'productCategories/'),
    response: ListEnvelope(ProductCategoryWritten),
    handler: async ({ auth, query, baseUrl }) => {
      const r = await svc.list(auth, query);
      return listResult({
        items: r.items.map(writtenForm),
        totalItems: r.total,
        paging: r.paging,
        resource: 'productCategories/',
        filterText: r.filterText,
        baseUrl,
      });
    },
  });

  route({
    method: 'POST',
    url: '/v2/productCategories',
    operationId: 'createProductCategory',
    tags,
    summary: 'Add a new product category',
    description:
      'Creates a product category. `description` is required (400 field map otherwise); answers 201 with the new category and its id.',
    body: ProductCategoryCreate,
    response: ProductCategoryWritten,
    example: writtenForm(productCategoryExample),
    handler: async ({ auth, body }) => writtenForm(await svc.create(auth, body)),
  });

  route({
    method: 'PUT',
    url: '/v2/productCategories',
    operationId: 'upsertProductCategory',
    tags,
    summary: 'Add a new product category or update an existing one',
    extension: UPSERT_EXTENSION,
    description:
      'Matches by `id`, then by `externalId`: 200 when it updated, 201 when it created (then `description` is required). An unknown `id` creates a category with a new id.',
    body: ProductCategoryUpsert,
    status: 200,
    alsoStatus: [201],
    response: ProductCategoryUpserted,
    example: upsertedForm(productCategoryExample),
    handler: async ({ auth, body }) => {
      const r = await svc.upsert(auth, body);
      return withStatus(r.created ? 201 : 200, upsertedForm(r.dto));
    },
  });

  route({
    method: 'PATCH',
    url: '/v2/productCategories/:id',
    operationId: 'patchProductCategory',
    tags,
    summary: 'Edit a product category (JSON Patch)',
    description: 'Paths: description, externalId.',
    params: IdParams,
    body: JsonPatchBody,
    response: ProductCategoryWritten,
    example: writtenForm(productCategoryExample),
    handler: async ({ auth, params, body }) => writtenForm(await svc.patch(auth, parseId(params.id), body)),
  });

  route({
    method: 'DELETE',
    url: '/v2/productCategories/:id',
    operationId: 'deleteProductCategory',
    tags,
    summary: 'Delete a product category',
    description: 'Deleting a category still in use is allowed: its products keep the id in `categoryId`.',
    params: IdParams,
    handler: async ({ auth, params }) => {
      await svc.remove(auth, parseId(params.id));
      return undefined;
    },
  });
}

export const productCategoriesModule: Module<'productCategories'> = {
  name: 'productCategories',
  createService: (deps) => new ProductCategoriesService(deps),
  registerRoutes: registerProductCategoryRoutes,
};
