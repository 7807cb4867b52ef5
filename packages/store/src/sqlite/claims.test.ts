import { claimsContract } from '../contracts/claims.ts';
import { sqliteLocations } from '../contracts/locations.ts';

claimsContract('sqlite', sqliteLocations('store-claims'));
