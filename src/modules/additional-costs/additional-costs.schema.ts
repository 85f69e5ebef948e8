import { type Static, Type } from 'typebox';

/** Additional costs are referenced by GUID (task `AdditionalCostId`). */
export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const Money = Type.Union([Type.Number(), Type.String()], { description: 'Decimal: 44, 44.5, "44.50", "44,50" or "1.234,56"' });

export const AdditionalCostCreate = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    unitaryValue: Type.Optional(Money),
    active: Type.Optional(Type.Boolean({ description: 'Default true' })),
  },
  { $id: 'AdditionalCostCreate' },
);
export type AdditionalCostCreate = Static<typeof AdditionalCostCreate>;

/** PUT body: matched by `id` (GUID), then `code`; otherwise created. */
export const AdditionalCostUpsert = Type.Object(
  {
    id: Type.Optional(Type.String({ description: 'GUID of the cost to update' })),
    code: Type.Optional(Type.Integer({ description: 'Code of the cost to update' })),
    name: Type.Optional(Type.String({ minLength: 1 })),
    unitaryValue: Type.Optional(Money),
    active: Type.Optional(Type.Boolean()),
  },
  { $id: 'AdditionalCostUpsert' },
);
export type AdditionalCostUpsert = Static<typeof AdditionalCostUpsert>;

export const AdditionalCostPatchable = Type.Object(
  { name: Type.String({ minLength: 1 }), unitaryValue: Money, active: Type.Boolean() },
  { $id: 'AdditionalCostPatchable' },
);

/**
 * Campo's additional-cost catalog (D13; inventory 11 #7). `unitaryValue` is a number, like the
 * task `additionalCosts[]` items that copy it; `code` is the numeric code those items show.
 */
export const AdditionalCost = Type.Object(
  {
    id: Type.String({ description: 'GUID: the `AdditionalCostId` of task additional costs' }),
    name: Type.String(),
    code: Type.Integer({ description: 'Numeric code, assigned by the server' }),
    unitaryValue: Type.Number(),
    active: Type.Boolean(),
  },
  { $id: 'AdditionalCost' },
);
export type AdditionalCostDto = Static<typeof AdditionalCost>;

export const AdditionalCostFilter = Type.Object({
  id: Type.Optional(Type.String({ description: 'GUID' })),
  code: Type.Optional(Type.Integer()),
  name: Type.Optional(Type.String({ description: 'contains, any case' })),
  active: Type.Optional(Type.Boolean()),
});
export type AdditionalCostFilter = Static<typeof AdditionalCostFilter>;

export const AdditionalCostParams = Type.Object({ id: Type.String({ description: 'The GUID or the numeric code' }) });

export const additionalCostExample = {
  id: '419384ad-705c-11eb-bf97-0aa2a285b66a',
  name: 'Deslocamento',
  code: 7,
  unitaryValue: 44,
  active: true,
};
