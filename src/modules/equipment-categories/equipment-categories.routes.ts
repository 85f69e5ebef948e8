import type { Module, ModuleContext } from '../../core/context.js';
import { IdParams, parseId, withStatus } from '../../core/http.js';
import { listResult } from '../../core/listing.js';
import { ListEnvelope, ListQuery } from '../../core/schemas.js';
import { JsonPatchBody } from '../users/users.schema.js';
import {
  EquipmentCategory,
  EquipmentCategoryCreate,
  EquipmentCategoryUpsert,
  EquipmentCategoryWritten,
  equipmentCategoryExample,
} from './equipment-categories.schema.js';
import { EquipmentCategoriesService, writtenForm } from './equipment-categories.service.js';

const tags = ['Equipment categories'];
// The blueprint has no PUT for equipment categories; Campo adds it like PC4 (D13).
const UPSERT_EXTENSION = true;

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

export function registerEquipmentCategoryRoutes({ route, services }: ModuleContext): void {
  const svc = services.equipmentCategories;

  route({
    method: 'GET',
    url: '/v2/equipmentCategories/:id',
    operationId: 'getEquipmentCategory',
    tags,
    summary: 'Retrieve a equipment category',
    description: "The equipment category with this id in the token's account; 404 with an empty body when there is none.",
    params: IdParams,
    response: EquipmentCategory,
    example: equipmentCategoryExample,
    handler: async ({ auth, params }) => svc.get(auth, parseId(params.id)),
  });

  route({
    method: 'GET',
    url: '/v2/equipmentCategories',
    operationId: 'listEquipmentCategories',
    tags,
    summary: 'Retrieve a list of equipment categories',
    description: 'paramFilter keys (optional): id, description (contains, any case), externalId (exact). Order is by id.',
    querystring: ListQuery,
    list: true,
    example: listExample(writtenForm(equipmentCategoryExample), 'equipmentCategories/'),
    response: ListEnvelope(EquipmentCategoryWritten),
    handler: async ({ auth, query, baseUrl }) => {
      const r = await svc.list(auth, query);
      return listResult({
        items: r.items.map(writtenForm),
        totalItems: r.total,
        paging: r.paging,
        resource: 'equipmentCategories/',
        filterText: r.filterText,
        baseUrl,
      });
    },
  });

  route({
    method: 'POST',
    url: '/v2/equipmentCategories',
    operationId: 'createEquipmentCategory',
    tags,
    summary: 'Add a new equipment category',
    description:
      'Creates an equipment category. `description` is required (400 field map otherwise); answers 201 with the new category and its id.',
    body: EquipmentCategoryCreate,
    response: EquipmentCategoryWritten,
    example: writtenForm(equipmentCategoryExample),
    handler: async ({ auth, body }) => writtenForm(await svc.create(auth, body)),
  });

  route({
    method: 'PUT',
    url: '/v2/equipmentCategories',
    operationId: 'upsertEquipmentCategory',
    tags,
    summary: 'Add a new equipment category or update an existing one',
    extension: UPSERT_EXTENSION,
    description:
      'Campo extension (the Auvo documentation has no equipment-category upsert), answered like PUT /v2/productCategories/ with the POST key order. Matches by `id`, then by `externalId`: 200 when it updated, 201 when it created (then `description` is required). An unknown `id` creates a category with a new id.',
    body: EquipmentCategoryUpsert,
    status: 200,
    alsoStatus: [201],
    response: EquipmentCategoryWritten,
    example: writtenForm(equipmentCategoryExample),
    handler: async ({ auth, body }) => {
      const r = await svc.upsert(auth, body);
      return withStatus(r.created ? 201 : 200, writtenForm(r.dto));
    },
  });

  route({
    method: 'PATCH',
    url: '/v2/equipmentCategories/:id',
    operationId: 'patchEquipmentCategory',
    tags,
    summary: 'Edit a equipment category (JSON Patch)',
    description: 'Paths: description, externalId.',
    params: IdParams,
    body: JsonPatchBody,
    response: EquipmentCategoryWritten,
    example: writtenForm(equipmentCategoryExample),
    handler: async ({ auth, params, body }) => writtenForm(await svc.patch(auth, parseId(params.id), body)),
  });

  route({
    method: 'DELETE',
    url: '/v2/equipmentCategories/:id',
    operationId: 'deleteEquipmentCategory',
    tags,
    summary: 'Delete a equipment category',
    description: 'Deleting a category still in use is allowed: its equipments keep the id in `categoryId`.',
    params: IdParams,
    handler: async ({ auth, params }) => {
      await svc.remove(auth, parseId(params.id));
      return undefined;
    },
  });
}

export const equipmentCategoriesModule: Module<'equipmentCategories'> = {
  name: 'equipmentCategories',
  createService: (deps) => new EquipmentCategoriesService(deps),
  registerRoutes: registerEquipmentCategoryRoutes,
};
