import { authContract } from '../contracts/auth.ts';
import { sqliteLocations } from '../contracts/locations.ts';

authContract('sqlite', sqliteLocations('store-auth'));
