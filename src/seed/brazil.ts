// Realistic Brazilian data for the demo account: real city coordinates, CPF/CNPJ numbers
// with valid check digits, phone numbers in the national format. Deterministic: every value
// comes from the caller's seeded generator.
import { cnpj, cpf } from 'cpf-cnpj-validator';

export interface City {
  name: string;
  uf: string;
  latitude: number;
  longitude: number;
  ddd: string;
  cep: string;
}

export const CITIES: readonly City[] = [
  { name: 'Goiânia', uf: 'GO', latitude: -16.6869, longitude: -49.2648, ddd: '62', cep: '74' },
  { name: 'Anápolis', uf: 'GO', latitude: -16.3281, longitude: -48.9534, ddd: '62', cep: '75' },
  { name: 'Brasília', uf: 'DF', latitude: -15.7939, longitude: -47.8828, ddd: '61', cep: '70' },
  { name: 'São Paulo', uf: 'SP', latitude: -23.5505, longitude: -46.6333, ddd: '11', cep: '01' },
  { name: 'Campinas', uf: 'SP', latitude: -22.9099, longitude: -47.0626, ddd: '19', cep: '13' },
  { name: 'Rio de Janeiro', uf: 'RJ', latitude: -22.9068, longitude: -43.1729, ddd: '21', cep: '20' },
  { name: 'Belo Horizonte', uf: 'MG', latitude: -19.9167, longitude: -43.9345, ddd: '31', cep: '30' },
  { name: 'Uberlândia', uf: 'MG', latitude: -18.9186, longitude: -48.2772, ddd: '34', cep: '38' },
  { name: 'Curitiba', uf: 'PR', latitude: -25.4284, longitude: -49.2733, ddd: '41', cep: '80' },
  { name: 'Florianópolis', uf: 'SC', latitude: -27.5954, longitude: -48.548, ddd: '48', cep: '88' },
  { name: 'Porto Alegre', uf: 'RS', latitude: -30.0346, longitude: -51.2177, ddd: '51', cep: '90' },
  { name: 'Salvador', uf: 'BA', latitude: -12.9777, longitude: -38.5016, ddd: '71', cep: '40' },
  { name: 'Recife', uf: 'PE', latitude: -8.0476, longitude: -34.877, ddd: '81', cep: '50' },
  { name: 'Fortaleza', uf: 'CE', latitude: -3.7319, longitude: -38.5267, ddd: '85', cep: '60' },
  { name: 'Manaus', uf: 'AM', latitude: -3.119, longitude: -60.0217, ddd: '92', cep: '69' },
  { name: 'Belém', uf: 'PA', latitude: -1.4558, longitude: -48.4902, ddd: '91', cep: '66' },
];

/** A source of seeded randomness (the demo passes faker's). */
export interface Rng {
  int(min: number, max: number): number;
}

function digits(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(rng.int(0, 9));
  return s;
}

/** An 11-digit CPF whose two check digits are valid. */
export function makeCpf(rng: Rng): string {
  let base = digits(rng, 9);
  // All-equal digit strings are valid by the arithmetic but rejected by the Receita Federal.
  if (/^(\d)\1+$/.test(base)) base = `1${base.slice(1, 8)}2`;
  const d1 = cpf.verifierDigit(base);
  const d2 = cpf.verifierDigit(`${base}${d1}`);
  return `${base}${d1}${d2}`;
}

/** A 14-digit numeric CNPJ (headquarters, branch 0001) whose two check digits are valid. */
export function makeCnpj(rng: Rng): string {
  const base = `${digits(rng, 8)}0001`;
  const d1 = cnpj.verifierDigit(base);
  const d2 = cnpj.verifierDigit(`${base}${d1}`);
  return `${base}${d1}${d2}`;
}

/** A mobile number, digits only, as Auvo stores phones: 55 + DDD + 9 + 8 digits. */
export function makeMobile(rng: Rng, city: City): string {
  return `55${city.ddd}9${digits(rng, 8)}`;
}

/** A point a few kilometres around the city centre. */
export function near(rng: Rng, city: City, km = 8): { latitude: number; longitude: number } {
  const d = () => (rng.int(-1000, 1000) / 1000) * (km / 111);
  return { latitude: Number((city.latitude + d()).toFixed(6)), longitude: Number((city.longitude + d()).toFixed(6)) };
}

export function isValidCpf(value: string): boolean {
  return cpf.isValid(value);
}

export function isValidCnpj(value: string): boolean {
  return cnpj.isValid(value);
}
