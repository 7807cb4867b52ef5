import { collectContract } from '../contracts/collect.ts';
import { sqliteLocations } from '../contracts/locations.ts';

collectContract('sqlite', sqliteLocations('store-collect'));
