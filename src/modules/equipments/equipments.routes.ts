import type { Module, ModuleContext } from '../../core/context.js';
import { IdParams, parseId, withStatus } from '../../core/http.js';
import { listResult } from '../../core/listing.js';
import { ListEnvelope, ListQuery } from '../../core/schemas.js';
import { JsonPatchBody } from '../users/users.schema.js';
import { Equipment, EquipmentAttachmentsBody, EquipmentCreate, EquipmentUpsert, equipmentExample } from './equipments.schema.js';
import { EquipmentsService } from './equipments.service.js';

const tags = ['Equipments'];
const REFS =
  'parentEquipmentId, associatedCustomerId, associatedUserId and categoryId must name existing records (0 = none; 400 otherwise); an equipment cannot become its own ancestor. Dates are yyyy-MM-ddTHH:mm:ss in the server time zone; unset dates answer null. `base64Image` (with or without a data-URI prefix) becomes `urlImage`; `attachments` become `uriAnexos`.';

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

export function registerEquipmentRoutes({ route, services }: ModuleContext): void {
  const svc = services.equipments;

  route({
    method: 'GET',
    url: '/v2/equipments/:id',
    operationId: 'getEquipment',
    tags,
    summary: 'Retrieve an equipment',
    description:
      "The equipment with this id in the token's account, with its category, customer, specifications and attachments; 404 with an empty body when there is none.",
    params: IdParams,
    response: Equipment,
    example: equipmentExample,
    handler: async ({ auth, params }) => svc.get(auth, parseId(params.id)),
  });

  route({
    method: 'GET',
    url: '/v2/equipments',
    operationId: 'listEquipments',
    tags,
    summary: 'Retrieve a list of equipments',
    description:
      'paramFilter (optional; absent = no filter) keys: name (contains, any case), externalId (exact), parentEquipmentId, associatedCustomerId, associatedUserId, categoryId, identifier (exact), active. Order is by id. Items carry the warranty dates too.',
    querystring: ListQuery,
    list: true,
    example: listExample(equipmentExample, 'Equipments'),
    response: ListEnvelope(Equipment),
    handler: async ({ auth, query, baseUrl }) => {
      const r = await svc.list(auth, query);
      return listResult({
        items: r.items,
        totalItems: r.total,
        paging: r.paging,
        resource: 'Equipments',
        filterText: r.filterText,
        baseUrl,
      });
    },
  });

  route({
    method: 'POST',
    url: '/v2/equipments',
    operationId: 'createEquipment',
    tags,
    summary: 'Add a new equipment',
    description: `${REFS} Attribute names are case-insensitive (the documented Auvo schema writes ParentEquipmentId, Base64Image, ...).`,
    body: EquipmentCreate,
    response: Equipment,
    example: equipmentExample,
    handler: async ({ auth, body }) => svc.create(auth, body),
  });

  route({
    method: 'PUT',
    url: '/v2/equipments',
    operationId: 'upsertEquipment',
    tags,
    summary: 'Add a new equipment or update an existing one',
    description: `Campo extension (the Auvo documentation has no equipment upsert). Matches by \`id\`, then by \`externalId\`: 200 when it updated, 201 when it created (then \`name\` is required). Attributes left out of an update keep their values; \`attachments\` are added. ${REFS}`,
    extension: true,
    body: EquipmentUpsert,
    status: 200,
    alsoStatus: [201],
    response: Equipment,
    example: equipmentExample,
    handler: async ({ auth, body }) => {
      const r = await svc.upsert(auth, body);
      return withStatus(r.created ? 201 : 200, r.dto);
    },
  });

  route({
    method: 'PATCH',
    url: '/v2/equipments/:id',
    operationId: 'patchEquipment',
    tags,
    summary: 'Edit an equipment (JSON Patch)',
    description: `Paths: name, externalId, parentEquipmentId, associatedCustomerId, associatedUserId, categoryId, description, identifier, base64Image (a new image), expirationDate, equipmentSpecifications (the whole array), active, warrantyStartDate, warrantyEndDate. Attachments change only through PUT /v2/equipments/{id}/attachments. ${REFS}`,
    params: IdParams,
    body: JsonPatchBody,
    response: Equipment,
    example: equipmentExample,
    handler: async ({ auth, params, body }) => svc.patch(auth, parseId(params.id), body),
  });

  route({
    method: 'PUT',
    url: '/v2/equipments/:id/attachments',
    operationId: 'putEquipmentAttachments',
    tags,
    summary: 'Edit the attachments of an equipment',
    description:
      '`removeAllAttachmentsInsertedByMe: true` first removes the files added through the API; then `attachments` ([{name, file}], the name with its extension) are added. Answers the equipment.',
    params: IdParams,
    body: EquipmentAttachmentsBody,
    response: Equipment,
    example: equipmentExample,
    handler: async ({ auth, params, body }) => svc.putAttachments(auth, parseId(params.id), body),
  });

  route({
    method: 'DELETE',
    url: '/v2/equipments/:id',
    operationId: 'deleteEquipment',
    tags,
    summary: 'Delete an equipment',
    description:
      'Deleting an equipment still referenced is allowed: child equipments keep it in `parentEquipmentId`, products in `associatedEquipmentId`, tasks in `equipmentsId`. Its image and attachments are removed.',
    params: IdParams,
    handler: async ({ auth, params }) => {
      await svc.remove(auth, parseId(params.id));
      return undefined;
    },
  });
}

export const equipmentsModule: Module<'equipments'> = {
  name: 'equipments',
  createService: (deps, services) => new EquipmentsService(deps, services),
  registerRoutes: registerEquipmentRoutes,
};
