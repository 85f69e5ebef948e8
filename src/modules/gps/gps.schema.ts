import { type Static, Type } from 'typebox';

/** paramFilter keys of GET /gps/ (inventory 4.12). */
export const GpsFilter = Type.Object({
  date: Type.Optional(Type.String({ description: 'a day (yyyy-MM-dd or yyyy-MM-ddTHH:mm:ss): positions recorded on that calendar day' })),
  userId: Type.Optional(Type.Integer()),
  getLastKnowPosition: Type.Optional(Type.Boolean({ description: 'one position per user: the latest up to the end of that day' })),
});
export type GpsFilter = Static<typeof GpsFilter>;

// `NetworkOperatorName` is PascalCase among camelCase keys in the documented example (inventory 7 #54).
export const GpsPosition = Type.Object(
  {
    userId: Type.Integer(),
    positionDate: Type.String(),
    latitude: Type.Number(),
    longitude: Type.Number(),
    accuracy: Type.Number({ description: 'metres' }),
    batteryLevel: Type.Number({ description: 'percent' }),
    NetworkOperatorName: Type.String(),
  },
  { $id: 'GpsPosition' },
);
export type GpsPositionDto = Static<typeof GpsPosition>;

export const gpsExample: GpsPositionDto = {
  userId: 42,
  positionDate: '2016-03-23T18:10:00',
  latitude: -16.6872086,
  longitude: -49.2995542,
  accuracy: 12,
  batteryLevel: 34,
  NetworkOperatorName: 'Terêscio',
};

/** Campo extension: what the field simulator reports for a phone. */
export const GpsRecordBody = Type.Object(
  {
    userId: Type.Integer(),
    latitude: Type.Number({ minimum: -90, maximum: 90 }),
    longitude: Type.Number({ minimum: -180, maximum: 180 }),
    positionDate: Type.Optional(Type.String({ description: 'yyyy-MM-ddTHH:mm:ss; default now' })),
    accuracy: Type.Optional(Type.Number({ minimum: 0 })),
    batteryLevel: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
    networkOperatorName: Type.Optional(Type.String()),
  },
  { $id: 'GpsRecordBody' },
);
export type GpsRecordBody = Static<typeof GpsRecordBody>;
