import { type Static, Type } from 'typebox';
import { aliases } from '../../core/keys.js';

/** Service ids are GUIDs (D14); the path and `fiscalServiceId` are checked against this. */
export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// `price` is typed number but the documented example sends "12.34" (inventory 7 #39): both
// are accepted, and pt-BR "12,34" too.
const Price = Type.Union([Type.Number(), Type.String()], { description: 'Decimal: 12.34, "12.34" or "12,34"' });
const FiscalServiceId = Type.Union([Type.String(), Type.Null()], { description: 'GUID of the fiscal service, or null' });

const serviceInput = {
  // The PATCH example patches `name`: read as `title` (inventory 7 #39).
  title: Type.String({ minLength: 1, ...aliases('name') }),
  description: Type.Optional(Type.String()),
  price: Type.Optional(Price),
  active: Type.Optional(Type.Boolean({ description: 'Default true' })),
  fiscalServiceId: Type.Optional(FiscalServiceId),
};

export const ServiceCreate = Type.Object(serviceInput, { $id: 'ServiceCreate' });
export type ServiceCreate = Static<typeof ServiceCreate>;

/** PUT body (live operation): matched by `id` (GUID); otherwise created, then `title` is required. */
export const ServiceUpsert = Type.Object(
  {
    id: Type.Optional(Type.String({ description: 'GUID of the service to update' })),
    ...serviceInput,
    title: Type.Optional(serviceInput.title),
  },
  { $id: 'ServiceUpsert' },
);
export type ServiceUpsert = Static<typeof ServiceUpsert>;

/** The attributes PATCH may touch (SV4). */
export const ServicePatchable = Type.Object(
  {
    title: Type.String({ minLength: 1, ...aliases('name') }),
    description: Type.String(),
    price: Price,
    active: Type.Boolean(),
    fiscalServiceId: FiscalServiceId,
  },
  { $id: 'ServicePatchable' },
);
export type ServicePatchable = Static<typeof ServicePatchable>;

/**
 * `{id, title, description, price, active, fiscalServiceId}`: the list, POST and PATCH shape.
 * The GET example lacks `description`; Campo returns it there too (inventory 3.12).
 */
export const Service = Type.Object(
  {
    id: Type.String({ description: 'GUID' }),
    title: Type.String(),
    description: Type.String(),
    price: Type.String({ description: 'Dot decimal with two places, "12.34"' }),
    active: Type.Boolean(),
    fiscalServiceId: Type.Union([Type.String(), Type.Null()], { description: 'GUID, null when unset' }),
  },
  { $id: 'Service' },
);
export type ServiceDto = Static<typeof Service>;

/** paramFilter keys of GET /services/ (inventory 4.10). */
export const ServiceFilter = Type.Object({
  title: Type.Optional(Type.String({ description: 'contains, any case' })),
  description: Type.Optional(Type.String({ description: 'contains, any case' })),
  price: Type.Optional(Type.Union([Type.Number(), Type.String()], { description: 'exact; 12.34, "12.34" or "12,34"' })),
  active: Type.Optional(Type.Boolean()),
  fiscalServiceId: Type.Optional(Type.String()),
});
export type ServiceFilter = Static<typeof ServiceFilter>;

export const GuidParams = Type.Object({ id: Type.String({ description: 'The service GUID' }) });

export const serviceExample = {
  id: '419384ad-705c-11eb-bf97-0aa2a285b66a',
  title: 'Preventive maintenance',
  description: "Preventive maintenance service for the client's equipment.",
  price: '12.34',
  active: true,
  fiscalServiceId: 'de6a85e3-a870-11ed-82b5-0a875964b64a',
};
