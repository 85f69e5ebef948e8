import type { Module, ModuleContext } from '../../core/context.js';
import { withStatus } from '../../core/http.js';
import { listResult } from '../../core/listing.js';
import { ListEnvelope, ListQuery } from '../../core/schemas.js';
import { JsonPatchBody } from '../users/users.schema.js';
import {
  EmployeeStockBody,
  Product,
  ProductAttachmentsBody,
  ProductCreate,
  ProductCreated,
  ProductListed,
  ProductParams,
  ProductPatched,
  ProductUpsert,
  productCreatedExample,
  productExample,
  productListedExample,
  productPatchedExample,
} from './products.schema.js';
import { ProductsService, parseProductRef } from './products.service.js';

const tags = ['Products'];
const PATH_ID = 'The path id is the product `code` (documented); the `productId` GUID is accepted too. Anything else answers 400.';
const MONEY =
  '`unitaryValue` and `unitaryCost` are accepted as numbers or decimal strings ("12,00", "12.00", "1.234,56") and answered as pt-BR strings ("12,00"); `minimumStock` is answered as a string ("30"), `totalStock` as a number. `categoryId` and `associatedEquipmentId` must exist (0 = none), as must each `employeesStock[].userId` (400 otherwise). `base64Image` (also `Base64Image`) is stored; `Base64Image` is answered "" as in every documented example. Campo also returns `description`.';

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

export function registerProductRoutes({ route, services }: ModuleContext): void {
  const svc = services.products;

  // Declared before /v2/products/:id: the fixed segment wins (inventory 1.1).
  route({
    method: 'PUT',
    url: '/v2/products/employee-product-stock',
    operationId: 'setEmployeeProductStock',
    tags,
    summary: 'Set the stock of a product held by an employee',
    description:
      'Body `{"UserId": 123, "ProductId": 9876, "amount": 10}` (any casing). `ProductId` is the product code (the productId GUID is accepted too); `amount` is the quantity the employee now holds (absolute). Creates the employee\'s stock row when missing and records a stock movement (`entry` true when the quantity rose, `operationUserId` the user behind the API credentials). `totalStock` is not changed. Answers 204 with no body, as documented.',
    body: EmployeeStockBody,
    status: 204,
    handler: async ({ auth, body }) => {
      await svc.setEmployeeStock(auth, body);
      return undefined;
    },
  });

  route({
    method: 'GET',
    url: '/v2/products/:id',
    operationId: 'getProduct',
    tags,
    summary: 'Retrieve a product',
    description: PATH_ID,
    params: ProductParams,
    response: Product,
    example: productExample,
    handler: async ({ auth, params }) => svc.get(auth, parseProductRef(params.id)),
  });

  route({
    method: 'GET',
    url: '/v2/products',
    operationId: 'listProducts',
    tags,
    summary: 'Retrieve a list of products',
    description:
      'paramFilter (optional; absent = no filter) keys: name (contains, any case), externalId (exact), associatedEquipmentId, id (the product code), categoryId, active, lowerThanMinimumStock (true: totalStock below minimumStock; false: the others). Order is by code. Stock movements carry `UnitaryCost` as a number, as the list example shows.',
    querystring: ListQuery,
    list: true,
    example: listExample(productListedExample, 'Products'),
    response: ListEnvelope(ProductListed),
    handler: async ({ auth, query, baseUrl }) => {
      const r = await svc.list(auth, query);
      return listResult({ items: r.items, totalItems: r.total, paging: r.paging, resource: 'Products', filterText: r.filterText, baseUrl });
    },
  });

  route({
    method: 'POST',
    url: '/v2/products',
    operationId: 'createProduct',
    tags,
    summary: 'Add a new product',
    description: `The server assigns \`productId\` (GUID) and \`code\`. \`employeesStock\` creates each employee's stock with a first movement. ${MONEY}`,
    body: ProductCreate,
    response: ProductCreated,
    example: productCreatedExample,
    handler: async ({ auth, body }) => svc.create(auth, body),
  });

  route({
    method: 'PUT',
    url: '/v2/products',
    operationId: 'upsertProduct',
    tags,
    summary: 'Add a new product or update an existing one',
    description: `Campo extension (the Auvo documentation has no product upsert). Matches by \`id\` (or \`code\`), then \`productId\`, then \`externalId\`: 200 when it updated, 201 when it created (then \`name\` is required). Attributes left out of an update keep their values; \`employeesStock\` sets those employees' quantities; \`attachments\` are added. Answered like POST. ${MONEY}`,
    extension: true,
    body: ProductUpsert,
    status: 200,
    alsoStatus: [201],
    response: ProductCreated,
    example: productCreatedExample,
    handler: async ({ auth, body }) => {
      const r = await svc.upsert(auth, body);
      return withStatus(r.created ? 201 : 200, r.dto);
    },
  });

  route({
    method: 'PATCH',
    url: '/v2/products/:id',
    operationId: 'patchProduct',
    tags,
    summary: 'Edit a product (JSON Patch)',
    description: `${PATH_ID} Paths: name, externalId, description, categoryId, associatedEquipmentId, unitaryValue, unitaryCost, minimumStock, totalStock, active, base64Image. Specifications and employee stock are not patchable (employee stock: PUT /v2/products/employee-product-stock). The answer omits \`code\`, as documented. ${MONEY}`,
    params: ProductParams,
    body: JsonPatchBody,
    response: ProductPatched,
    example: productPatchedExample,
    handler: async ({ auth, params, body }) => svc.patch(auth, parseProductRef(params.id), body),
  });

  route({
    method: 'PUT',
    url: '/v2/products/:id/attachments',
    operationId: 'putProductAttachments',
    tags,
    summary: 'Edit the attachments of a product',
    description: `${PATH_ID} \`removeAllAttachmentsInsertedByMe: true\` first removes the files added through the API; then \`attachments\` ([{name, file}], the name with its extension) are added. The answer omits \`code\`, as documented.`,
    params: ProductParams,
    body: ProductAttachmentsBody,
    response: ProductPatched,
    example: productPatchedExample,
    handler: async ({ auth, params, body }) => svc.putAttachments(auth, parseProductRef(params.id), body),
  });

  route({
    method: 'DELETE',
    url: '/v2/products/:id',
    operationId: 'deleteProduct',
    tags,
    summary: 'Delete a product',
    description: `${PATH_ID} Deleting a product that task items still reference is allowed: they keep its GUID. Its employee stock, image and attachments are removed.`,
    params: ProductParams,
    handler: async ({ auth, params }) => {
      await svc.remove(auth, parseProductRef(params.id));
      return undefined;
    },
  });
}

export const productsModule: Module<'products'> = {
  name: 'products',
  createService: (deps, services) => new ProductsService(deps, services),
  registerRoutes: registerProductRoutes,
};
